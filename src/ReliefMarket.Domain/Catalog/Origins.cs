namespace ReliefMarket.Domain.Catalog;

/// <summary>How the helping district is paired with an assisted county.</summary>
public enum AidProgramme
{
    /// <summary>东西部扶贫协作</summary>
    EastWestCollaboration,
    /// <summary>省内精准扶贫</summary>
    InProvinceTargetedAid,
    /// <summary>对口支援</summary>
    PairedSupport,
}

/// <summary>An assisted county (县). Its headline is the source article's own figures, in prose.</summary>
public class County
{
    private County() { }

    public County(string code, LocalizedText name, LocalizedText province, LocalizedText prefecture,
        AidProgramme programme, LocalizedText headline, LocalizedText story, double latitude, double longitude)
    {
        if (latitude is < -90 or > 90 || longitude is < -180 or > 180) throw new DomainException("The county's location is not on Earth.");
        Latitude = latitude;
        Longitude = longitude;
        Code = Slug.Require(code);
        Name = name;
        Province = province;
        Prefecture = prefecture;
        Programme = programme;
        Headline = headline;
        Story = story;
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public LocalizedText Name { get; private set; } = null!;
    public LocalizedText Province { get; private set; } = null!;
    public LocalizedText Prefecture { get; private set; } = null!;
    public AidProgramme Programme { get; private set; }
    public LocalizedText Headline { get; private set; } = null!;
    public LocalizedText Story { get; private set; } = null!;
    /// <summary>Where the county seat is, in degrees: places the county on the origins map.</summary>
    public double Latitude { get; private set; }
    public double Longitude { get; private set; }

    /// <summary>An administrator corrects the programme and the headline figures (both languages).</summary>
    public void Revise(AidProgramme programme, LocalizedText headline)
    {
        if (!Enum.IsDefined(programme)) throw new DomainException("Unknown aid programme.");
        if (string.IsNullOrWhiteSpace(headline.Zh) || headline.Zh.Length > MaxHeadlineLength || headline.En.Length > MaxHeadlineLength)
            throw new DomainException($"A headline is 1 to {MaxHeadlineLength} characters.");
        Programme = programme;
        Headline = headline;
    }

    public const int MaxHeadlineLength = 500;
}

/// <summary>A township (镇/乡) of an assisted county.</summary>
public class Township
{
    private Township() { }

    public Township(County county, string code, LocalizedText name)
    {
        CountyId = county.Id;
        County = county;
        Code = Slug.Require(code);
        Name = name;
    }

    public int Id { get; private set; }
    public int CountyId { get; private set; }
    public County County { get; private set; } = null!;
    public string Code { get; private set; } = "";
    public LocalizedText Name { get; private set; } = null!;

    public void Rename(LocalizedText name) => Name = Names.Require(name);
}

/// <summary>Place names as administrators type them: Chinese required, English optional, both short.</summary>
public static class Names
{
    public const int MaxLength = 64;

    public static LocalizedText Require(LocalizedText name) =>
        string.IsNullOrWhiteSpace(name.Zh) || name.Zh.Length > MaxLength || name.En.Length > MaxLength
            ? throw new DomainException($"A name is 1 to {MaxLength} characters.")
            : new LocalizedText(name.Zh.Trim(), name.En.Trim());
}

/// <summary>
/// A village (村) with its registered poor households (建档立卡贫困户). The article names villages
/// but gives no per-village household counts, so demo villages carry invented figures and say so.
/// </summary>
public class Village
{
    private Village() { }

    public Village(County county, Township? township, string code, LocalizedText name, int registeredPoorHouseholds,
        int registeredPoorPeople, bool isDesignatedPoorVillage, bool hasExited, LocalizedText story, bool isDemoData)
    {
        if (township is not null && township.County != county)
            throw new DomainException("A village's township must belong to its county.");
        if (registeredPoorHouseholds < 0 || registeredPoorPeople < 0)
            throw new DomainException("Household and people counts cannot be negative.");
        if (registeredPoorPeople < registeredPoorHouseholds)
            throw new DomainException("Every registered poor household has at least one person.");
        County = county;
        CountyId = county.Id;
        Township = township;
        TownshipId = township?.Id;
        Code = Slug.Require(code);
        Name = name;
        RegisteredPoorHouseholds = registeredPoorHouseholds;
        RegisteredPoorPeople = registeredPoorPeople;
        IsDesignatedPoorVillage = isDesignatedPoorVillage;
        HasExited = hasExited;
        Story = story;
        IsDemoData = isDemoData;
    }

    public int Id { get; private set; }
    public int CountyId { get; private set; }
    public County County { get; private set; } = null!;
    public int? TownshipId { get; private set; }
    public Township? Township { get; private set; }
    public string Code { get; private set; } = "";
    public LocalizedText Name { get; private set; } = null!;
    public int RegisteredPoorHouseholds { get; private set; }
    public int RegisteredPoorPeople { get; private set; }
    /// <summary>A designated poor village (贫困村).</summary>
    public bool IsDesignatedPoorVillage { get; private set; }
    /// <summary>Has met the exit standard (出列).</summary>
    public bool HasExited { get; private set; }
    public LocalizedText Story { get; private set; } = null!;
    /// <summary>True when the figures (or the village itself) were invented for the demo.</summary>
    public bool IsDemoData { get; private set; }
    /// <summary>
    /// False once an administrator deactivates it (instead of deleting a village past sales point to): it leaves the
    /// storefront and cannot take new sourcing shares; past order lines keep their snapshots.
    /// </summary>
    public bool IsActive { get; private set; } = true;

    public void Deactivate() => IsActive = false;
    public void Activate() => IsActive = true;

    /// <summary>The aid office's figures for the village, as an administrator corrects them.</summary>
    public void UpdateFigures(int registeredPoorHouseholds, int registeredPoorPeople, bool isDesignatedPoorVillage, bool hasExited)
    {
        if (registeredPoorHouseholds < 0 || registeredPoorPeople < 0)
            throw new DomainException("Household and people counts cannot be negative.");
        if (registeredPoorPeople < registeredPoorHouseholds)
            throw new DomainException("Every registered poor household has at least one person.");
        if (hasExited && !isDesignatedPoorVillage)
            throw new DomainException("Only a designated poor village can exit.");
        RegisteredPoorHouseholds = registeredPoorHouseholds;
        RegisteredPoorPeople = registeredPoorPeople;
        IsDesignatedPoorVillage = isDesignatedPoorVillage;
        HasExited = hasExited;
    }
}
