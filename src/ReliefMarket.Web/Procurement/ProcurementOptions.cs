namespace ReliefMarket.Web.Procurement;

/// <summary>Work-unit procurement (configuration section "Procurement"): the ceiling per product and where units send money.</summary>
public sealed class ProcurementOptions
{
    public const string Section = "Procurement";

    /// <summary>
    /// Units of one product one order may ask for. Ordering:MaxUnitsPerProduct limits consumers' unpaid holds; a canteen
    /// buys far more, but one order still cannot take a producer's whole stock by mistake.
    /// </summary>
    public int MaxUnitsPerProduct { get; set; } = 2_000;
    /// <summary>
    /// Days a unit has to pay by transfer. The order's stock is held meanwhile; an order still unpaid after this is
    /// cancelled by <see cref="ExpireUnpaidProcurementJob"/> and its stock released. The deadline is fixed when the
    /// order is placed (a later change of this setting does not move it).
    /// </summary>
    public int PaymentDays { get; set; } = 14;
    /// <summary>The platform's receiving account, shown on every procurement order with its transfer reference.</summary>
    public string BankAccountName { get; set; } = "扶贫好物集市（示例）";
    public string BankName { get; set; } = "示例银行广州番禺支行";
    public string BankAccountNumber { get; set; } = "6222 0000 0000 0000";
}
