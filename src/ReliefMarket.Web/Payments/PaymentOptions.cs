namespace ReliefMarket.Web.Payments;

public sealed class StripeOptions
{
    public const string Section = "Payments:Stripe";

    /// <summary>sk_test_… or sk_live_…; when empty the sandbox gateway is used.</summary>
    public string SecretKey { get; set; } = "";
    /// <summary>whsec_…: the signing secret of the webhook endpoint; required with a secret key.</summary>
    public string WebhookSecret { get; set; } = "";
    /// <summary>Another API address (an emulator or stub); empty = Stripe's own.</summary>
    public string ApiBase { get; set; } = "";
    /// <summary>Checkout payment methods: card, alipay, wechat_pay.</summary>
    public string[] PaymentMethods { get; set; } = ["card", "alipay", "wechat_pay"];

    public bool Enabled => SecretKey.Length > 0;
}

/// <summary>Whether this instance takes payments through the sandbox page, where no money moves.</summary>
public sealed record PaymentMode(bool IsSandbox)
{
    /// <summary>Opts a Production instance in to the sandbox (a demo or staging shop); without it Production needs Stripe keys.</summary>
    public const string UseSandboxKey = "Payments:UseSandbox";
}

public sealed class ShippingOptions
{
    public const string Section = "Shipping";

    public long FlatFeeFen { get; set; } = 1000;
    /// <summary>Orders whose subtotal reaches this ship free.</summary>
    public long FreeAboveFen { get; set; } = 9900;

    public Money FeeFor(Money subtotal) => subtotal.Fen >= FreeAboveFen ? Money.Zero : new Money(FlatFeeFen);

    /// <summary>
    /// The carriers a cooperative member picks from when shipping, as codes: each shows under its localized name
    /// (Shipment.Carrier.{code}) or, for a code added here without one, as the code itself. Unset = <see cref="DefaultCarriers"/>.
    /// </summary>
    // Nullable on purpose: the configuration binder appends to a pre-filled array instead of replacing it.
    public string[]? Carriers { get; set; }

    public static readonly string[] DefaultCarriers = ["SF", "ZTO", "YTO", "YUNDA", "EMS", "JD", "OTHER"];

    public IReadOnlyList<string> CarrierCodes => Carriers is { Length: > 0 } configured ? configured : DefaultCarriers;
}
