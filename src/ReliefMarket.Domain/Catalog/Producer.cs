namespace ReliefMarket.Domain.Catalog;

public enum ProducerKind
{
    /// <summary>合作社</summary>
    Cooperative,
    /// <summary>企业</summary>
    Enterprise,
}

/// <summary>
/// How much of a producer's sales is attributed to one village, in basis points (1/100 of a percent).
/// A producer's shares always sum to exactly 10,000.
/// </summary>
public sealed record SourcingShare(int VillageId, int BasisPoints);

/// <summary>Where a producer's payouts go by bank transfer (mainland cooperatives are paid through their bank).</summary>
public sealed record BankAccount(string AccountName, string Bank, string Branch, string AccountNumber)
{
    /// <summary>The account number as everyone but an administrator sees it: the last four digits.</summary>
    public string MaskedNumber => "****" + AccountNumber[^4..];

    public static BankAccount Create(string? accountName, string? bank, string? branch, string? accountNumber)
    {
        var number = (accountNumber ?? "").Replace(" ", "");
        if (string.IsNullOrWhiteSpace(accountName) || string.IsNullOrWhiteSpace(bank) || string.IsNullOrWhiteSpace(branch))
            throw new DomainException("A bank account needs the account name, the bank and the branch.");
        if (number.Length is < 8 or > 30 || !number.All(char.IsAsciiDigit))
            throw new DomainException("A bank account number is 8 to 30 digits.");
        if (accountName.Trim().Length > 100 || bank.Trim().Length > 100 || branch.Trim().Length > 100)
            throw new DomainException("Bank account names are at most 100 characters.");
        return new BankAccount(accountName.Trim(), bank.Trim(), branch.Trim(), number);
    }
}

/// <summary>A cooperative or enterprise in an assisted village that grows or makes what is sold.</summary>
public class Producer
{
    public const int WholeInBasisPoints = 10_000;

    private readonly List<SourcingShare> _sourcingShares = [];

    private Producer() { }

    public Producer(string code, LocalizedText name, ProducerKind kind, Village village, int supportedPoorHouseholds,
        LocalizedText story, bool isDemoData)
    {
        if (supportedPoorHouseholds < 0) throw new DomainException("Supported households cannot be negative.");
        Code = Slug.Require(code);
        Name = name;
        Kind = kind;
        Village = village;
        VillageId = village.Id;
        SupportedPoorHouseholds = supportedPoorHouseholds;
        Story = story;
        IsDemoData = isDemoData;
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public LocalizedText Name { get; private set; } = null!;
    public ProducerKind Kind { get; private set; }
    /// <summary>Where the producer is located.</summary>
    public int VillageId { get; private set; }
    public Village Village { get; private set; } = null!;
    /// <summary>Registered poor households it employs or benefits (带动贫困户).</summary>
    public int SupportedPoorHouseholds { get; private set; }
    public LocalizedText Story { get; private set; } = null!;
    /// <summary>True for producers invented for the demo (the article names few).</summary>
    public bool IsDemoData { get; private set; }
    public IReadOnlyList<SourcingShare> SourcingShares => _sourcingShares;
    /// <summary>Null until an administrator records it; payouts by bank transfer need it.</summary>
    public BankAccount? BankAccount { get; private set; }
    /// <summary>False once an administrator deactivates it: its listings leave the storefront and it cannot list new ones.</summary>
    public bool IsActive { get; private set; } = true;

    public void Deactivate() => IsActive = false;
    public void Activate() => IsActive = true;

    public void SetBankAccount(BankAccount account) => BankAccount = account;

    /// <summary>A Stripe Connect account ("acct_…"): when set, payouts go by Stripe transfer instead of bank transfer.</summary>
    public string? StripeAccountId { get; private set; }

    /// <summary>A Stripe connected account id: acct_ and up to 59 letters or digits.</summary>
    public static bool IsStripeAccountId(string id) =>
        System.Text.RegularExpressions.Regex.IsMatch(id, "^acct_[A-Za-z0-9]{1,59}$");

    public void SetStripeAccount(string? accountId)
    {
        var id = string.IsNullOrWhiteSpace(accountId) ? null : accountId.Trim();
        if (id is not null && !IsStripeAccountId(id))
            throw new DomainException("A Stripe connected account id starts with acct_.");
        StripeAccountId = id;
    }

    public void SetSupportedPoorHouseholds(int households)
    {
        if (households < 0) throw new DomainException("Supported households cannot be negative.");
        SupportedPoorHouseholds = households;
    }

    /// <summary>Replaces the sourcing shares; they must name distinct villages, be positive and sum to 10,000.</summary>
    public void SetSourcingShares(IEnumerable<SourcingShare> shares)
    {
        var list = shares.ToList();
        if (list.Count == 0) throw new DomainException("A producer needs at least one sourcing village.");
        if (list.Any(s => s.BasisPoints <= 0)) throw new DomainException("Each sourcing share must be positive.");
        if (list.Select(s => s.VillageId).Distinct().Count() != list.Count)
            throw new DomainException("A village can appear only once in the sourcing shares.");
        if (list.Sum(s => (long)s.BasisPoints) != WholeInBasisPoints)
            throw new DomainException("Sourcing shares must sum to exactly 100%.");
        _sourcingShares.Clear();
        _sourcingShares.AddRange(list);
    }
}
