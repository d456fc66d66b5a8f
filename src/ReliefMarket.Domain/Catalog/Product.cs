namespace ReliefMarket.Domain.Catalog;

public enum ProductCategory
{
    PotatoesAndVegetables,
    Eggs,
    NutsAndDriedFruit,
    FlowersAndSeedlings,
    Herbs,
    Aquatic,
    Dairy,
}

/// <summary>扶贫产品认定: where a listing stands in the certification lifecycle.</summary>
public enum CertificationStatus
{
    Draft,
    PendingCertification,
    Certified,
    Rejected,
    Expired,
    Withdrawn,
}

/// <summary>A listing: what a producer sells, at what price per unit, how many are in stock and whether it is certified.</summary>
public class Product
{
    public const int MaxStock = 1_000_000;

    private Product() { }

    public Product(Producer producer, string slug, LocalizedText name, LocalizedText description, ProductCategory category,
        LocalizedText unit, Money price, int stock, string imagePath, DateTime createdAtUtc)
    {
        Producer = producer;
        ProducerId = producer.Id;
        Slug = ReliefMarket.Domain.Slug.Require(slug);
        Name = name;
        Description = description;
        Category = category;
        Unit = unit;
        ChangePrice(price);
        SetStock(stock);
        ImagePath = imagePath;
        CreatedAtUtc = createdAtUtc;
        IsListed = true;
    }

    public int Id { get; private set; }
    public int ProducerId { get; private set; }
    public Producer Producer { get; private set; } = null!;
    public string Slug { get; private set; } = "";
    public LocalizedText Name { get; private set; } = null!;
    public LocalizedText Description { get; private set; } = null!;
    public ProductCategory Category { get; private set; }
    /// <summary>What one unit is: "5公斤/箱" / "5 kg box".</summary>
    public LocalizedText Unit { get; private set; } = null!;
    public Money Price { get; private set; }
    /// <summary>Units available. A concurrency token in the database: two writers can never both take the last one.</summary>
    public int Stock { get; private set; }
    public string ImagePath { get; private set; } = "";
    public bool IsListed { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    public CertificationStatus CertificationStatus { get; private set; }
    public string? CertificateNumber { get; private set; }
    public int? IssuingCountyId { get; private set; }
    public DateOnly? CertifiedUntil { get; private set; }
    /// <summary>Why certification was rejected or withdrawn.</summary>
    public string? CertificationNote { get; private set; }

    /// <summary>Whether a sale on <paramref name="chinaDate"/> counts as aid-attributed.</summary>
    public bool IsCertifiedOn(DateOnly chinaDate) =>
        CertificationStatus == CertificationStatus.Certified && CertifiedUntil >= chinaDate;

    public void ChangePrice(Money price)
    {
        if (price.Fen <= 0) throw new DomainException("A price must be more than zero.");
        if (price > Money.MaxInput) throw new DomainException("The price is too large.");
        Price = price;
    }

    public void SetStock(int stock)
    {
        if (stock is < 0 or > MaxStock) throw new DomainException($"Stock must be between 0 and {MaxStock}.");
        Stock = stock;
    }

    public void TakeStock(int quantity)
    {
        if (quantity <= 0) throw new DomainException("Quantity must be positive.");
        if (quantity > Stock) throw new DomainException("Not enough stock.");
        Stock -= quantity;
    }

    public void ReturnStock(int quantity)
    {
        if (quantity <= 0) throw new DomainException("Quantity must be positive.");
        SetStock(Stock + quantity);
    }

    /// <summary>
    /// Whether changing these details would send a certified listing back to review: the certificate vouches for
    /// what is sold (name, unit, category) and at what price, so a change to any of them needs a new look. Stock
    /// and the description never do.
    /// </summary>
    public bool RevisionNeedsRecertification(LocalizedText name, LocalizedText unit, ProductCategory category, Money price) =>
        CertificationStatus == CertificationStatus.Certified
        && (name != Name || unit != Unit || category != Category || price != Price);

    /// <summary>
    /// A member edits the listing. A certified listing whose certified details change goes back to pending
    /// certification (returns true); the old certificate number stays on record until the next decision.
    /// </summary>
    public bool Revise(LocalizedText name, LocalizedText description, ProductCategory category, LocalizedText unit, Money price)
    {
        RequireText(name, "name");
        RequireText(unit, "unit");
        var recertify = RevisionNeedsRecertification(name, unit, category, price);
        ChangePrice(price);
        Name = name;
        Description = description;
        Category = category;
        Unit = unit;
        if (recertify)
        {
            CertificationStatus = CertificationStatus.PendingCertification;
            CertificationNote = null;
        }
        return recertify;
    }

    private static void RequireText(LocalizedText text, string what)
    {
        if (string.IsNullOrWhiteSpace(text.Zh)) throw new DomainException($"A listing needs a Chinese {what}.");
    }

    public void Unlist() => IsListed = false;
    public void List() => IsListed = true;

    /// <summary>Whether a listing in <paramref name="status"/> may ask for certification: the one rule for the button, the page and the transition.</summary>
    public static bool CanSubmitFrom(CertificationStatus status) =>
        status is CertificationStatus.Draft or CertificationStatus.Rejected or CertificationStatus.Expired or CertificationStatus.Withdrawn;

    public void SubmitForCertification()
    {
        Require(CanSubmitFrom(CertificationStatus), "submit for certification");
        CertificationStatus = CertificationStatus.PendingCertification;
        CertificationNote = null;
    }

    public void Certify(string certificateNumber, int issuingCountyId, DateOnly validUntil, DateOnly today)
    {
        Require(CertificationStatus == CertificationStatus.PendingCertification, "certify");
        if (string.IsNullOrWhiteSpace(certificateNumber)) throw new DomainException("A certificate number is required.");
        if (validUntil < today) throw new DomainException("A certificate cannot be valid only in the past.");
        CertificationStatus = CertificationStatus.Certified;
        CertificateNumber = certificateNumber.Trim();
        IssuingCountyId = issuingCountyId;
        CertifiedUntil = validUntil;
        CertificationNote = null;
    }

    public void Reject(string reason)
    {
        Require(CertificationStatus == CertificationStatus.PendingCertification, "reject");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("A rejection needs a reason.");
        CertificationStatus = CertificationStatus.Rejected;
        CertificationNote = reason.Trim();
    }

    /// <summary>Marks a certificate whose validity has passed as expired; safe to call on any listing.</summary>
    public bool ExpireIfLapsed(DateOnly today)
    {
        if (CertificationStatus != CertificationStatus.Certified || CertifiedUntil >= today) return false;
        CertificationStatus = CertificationStatus.Expired;
        return true;
    }

    public void Withdraw(string reason)
    {
        Require(CertificationStatus == CertificationStatus.Certified, "withdraw");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("A withdrawal needs a reason.");
        CertificationStatus = CertificationStatus.Withdrawn;
        CertificationNote = reason.Trim();
    }

    private void Require(bool allowed, string action)
    {
        if (!allowed) throw new DomainException($"Cannot {action} a listing that is {CertificationStatus}.");
    }
}
