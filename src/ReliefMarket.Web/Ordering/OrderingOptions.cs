namespace ReliefMarket.Web.Ordering;

/// <summary>
/// How much one account may hold without paying (configuration section "Ordering"). An unpaid order keeps its
/// stock for <see cref="Order.PaymentHold"/>; without limits one account could make a product sold out for everyone.
/// </summary>
public sealed class OrderingOptions
{
    public const string Section = "Ordering";

    /// <summary>Unpaid orders one account may have open at once.</summary>
    public int MaxOpenUnpaidOrders { get; set; } = 3;
    /// <summary>Units of one product one account may hold across its unpaid orders and the checkout being placed.</summary>
    public int MaxUnitsPerProduct { get; set; } = 10;
    /// <summary>Anonymous carts untouched for this many days are deleted by the daily purge.</summary>
    public int AbandonedCartDays { get; set; } = 30;
}
