namespace ReliefMarket.Domain.Ordering;

/// <summary>Where a sale happened.</summary>
public enum Channel
{
    Online,
    /// <summary>自动售蛋柜</summary>
    VendingCabinet,
    /// <summary>展销中心, e.g. the Shawan ancient-town centre</summary>
    ExhibitionCenter,
    /// <summary>直播 campaign</summary>
    Livestream,
    /// <summary>单位采购: bulk purchase by a work unit or government office</summary>
    Procurement,
}

public enum OrderStatus
{
    PendingPayment,
    Paid,
    Shipped,
    Delivered,
    Cancelled,
    PartiallyRefunded,
    Refunded,
}
