using ReliefMarket.Domain.Ordering;

namespace ReliefMarket.Domain.Procurement;

/// <summary>What kind of body buys: the article's canteens, offices, schools and unions.</summary>
public enum WorkUnitKind
{
    GovernmentOffice,
    School,
    CompanyCanteen,
    TradeUnion,
}

/// <summary>
/// A work unit (单位) that buys produce in bulk: where its goods go, whom its invoices name, how much it plans to spend on
/// agricultural produce in a year and what share of that it means to spend on relief produce.
/// </summary>
public class WorkUnit
{
    public const int MaxNameLength = 100;
    public const int MaxInvoiceTitleLength = 100;
    /// <summary>100% in basis points: the largest target share.</summary>
    public const int WholeInBasisPoints = 10_000;

    private WorkUnit() { }

    public WorkUnit(string name, WorkUnitKind kind, ShippingAddress deliveryAddress, InvoiceDetails invoice, Money annualBudget,
        int targetBasisPoints, DateTime createdAtUtc)
    {
        CreatedAtUtc = createdAtUtc;
        Change(name, kind, deliveryAddress, invoice, annualBudget, targetBasisPoints);
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public WorkUnitKind Kind { get; private set; }
    public ShippingAddress DeliveryAddress { get; private set; } = null!;
    public InvoiceDetails Invoice { get; private set; } = null!;
    /// <summary>What the unit plans to spend on agricultural produce in a calendar year.</summary>
    public Money AnnualBudget { get; private set; }
    /// <summary>The share of the budget it means to spend on relief produce, in basis points (1000 = 10%).</summary>
    public int TargetBasisPoints { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>The target in money: the budget's target share, rounded down to the fen.</summary>
    public Money Target => new(AnnualBudget.Fen * TargetBasisPoints / WholeInBasisPoints);

    public void Change(string name, WorkUnitKind kind, ShippingAddress deliveryAddress, InvoiceDetails invoice, Money annualBudget, int targetBasisPoints)
    {
        var clean = UserText.Clean(name);
        if (clean is not { Length: > 0 and <= MaxNameLength }) throw new DomainException("A work unit needs a name of at most 100 characters.");
        if (!Enum.IsDefined(kind)) throw new DomainException("Unknown kind of work unit.");
        if (annualBudget.IsNegative) throw new DomainException("A budget cannot be negative.");
        if (targetBasisPoints is < 0 or > WholeInBasisPoints) throw new DomainException("A target share is between 0% and 100%.");
        Name = clean;
        Kind = kind;
        DeliveryAddress = deliveryAddress ?? throw new DomainException("A work unit needs a delivery address.");
        Invoice = invoice ?? throw new DomainException("A work unit needs invoice details.");
        AnnualBudget = annualBudget;
        TargetBasisPoints = targetBasisPoints;
    }
}

/// <summary>
/// What a VAT invoice (发票) names: the buyer's title and its taxpayer id (纳税人识别号, today the 18-character unified
/// social credit code; older ids have 15, 17 or 20 characters of digits and capital letters).
/// </summary>
public sealed record InvoiceDetails
{
    private InvoiceDetails() { }

    public string Title { get; private init; } = "";
    public string TaxpayerId { get; private init; } = "";

    public static bool IsTitle(string? title) => UserText.Clean(title) is { Length: > 0 and <= WorkUnit.MaxInvoiceTitleLength };

    /// <summary>15 to 20 digits or capital letters; spaces typed between groups are ignored, lower case is read as upper.</summary>
    public static bool IsTaxpayerId(string? id) => Normalized(id) is { Length: >= 15 and <= 20 } n && n.All(char.IsAsciiLetterOrDigit);

    public static InvoiceDetails Create(string? title, string? taxpayerId)
    {
        if (!IsTitle(title)) throw new DomainException("An invoice needs a title of at most 100 characters.");
        if (!IsTaxpayerId(taxpayerId)) throw new DomainException("A taxpayer id has 15 to 20 digits or letters.");
        return new InvoiceDetails { Title = UserText.Clean(title)!, TaxpayerId = Normalized(taxpayerId)! };
    }

    private static string? Normalized(string? id) => UserText.CleanCompatible(id)?.Replace(" ", "").ToUpperInvariant();
}
