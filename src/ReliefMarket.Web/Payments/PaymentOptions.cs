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
}
