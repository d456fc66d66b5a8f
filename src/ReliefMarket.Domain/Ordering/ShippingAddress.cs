namespace ReliefMarket.Domain.Ordering;

/// <summary>
/// A delivery address in Chinese format: recipient, 11-digit mainland mobile, province / city / district, street.
/// Every field is <see cref="UserText"/>: stored in NFC, refused with control or format characters; the mobile
/// is read in NFKC so full-width digits count as digits.
/// </summary>
public sealed record ShippingAddress
{
    public const int MaxNameLength = 32;
    public const int MaxRegionLength = 32;
    public const int MaxStreetLength = 120;

    private ShippingAddress() { }

    public string Recipient { get; private init; } = "";
    public string Mobile { get; private init; } = "";
    public string Province { get; private init; } = "";
    public string City { get; private init; } = "";
    public string District { get; private init; } = "";
    public string Street { get; private init; } = "";

    /// <summary>Which fields are wrong, by name; empty when the address is valid.</summary>
    public static IReadOnlyList<string> Problems(string? recipient, string? mobile, string? province, string? city, string? district, string? street)
    {
        var problems = new List<string>();
        if (!Fits(recipient, MaxNameLength)) problems.Add(nameof(Recipient));
        if (!IsMobile(mobile)) problems.Add(nameof(Mobile));
        if (!Fits(province, MaxRegionLength)) problems.Add(nameof(Province));
        if (!Fits(city, MaxRegionLength)) problems.Add(nameof(City));
        if (!Fits(district, MaxRegionLength)) problems.Add(nameof(District));
        if (!Fits(street, MaxStreetLength) || UserText.Clean(street)!.Length < 4) problems.Add(nameof(Street));
        return problems;
    }

    public static ShippingAddress Create(string? recipient, string? mobile, string? province, string? city, string? district, string? street)
    {
        var problems = Problems(recipient, mobile, province, city, district, street);
        if (problems.Count > 0) throw new DomainException("Invalid shipping address: " + string.Join(", ", problems));
        return new ShippingAddress
        {
            Recipient = UserText.Clean(recipient)!, Mobile = MobileDigits(mobile!), Province = UserText.Clean(province)!,
            City = UserText.Clean(city)!, District = UserText.Clean(district)!, Street = UserText.Clean(street)!,
        };
    }

    /// <summary>A mainland mobile number: 11 digits starting 1[3-9]; spaces and dashes are allowed while typing, full-width ones too.</summary>
    public static bool IsMobile(string? mobile)
    {
        mobile = UserText.CleanCompatible(mobile);
        if (mobile is null) return false;
        var digits = Digits(mobile);
        return digits.Length == 11 && digits[0] == '1' && digits[1] is >= '3' and <= '9'
               && mobile.All(c => char.IsAsciiDigit(c) || c is ' ' or '-');
    }

    /// <summary>The mobile number as stored: its ASCII digits. Call after <see cref="IsMobile"/>.</summary>
    public static string MobileDigits(string mobile) => Digits(UserText.CleanCompatible(mobile) ?? "");

    private static string Digits(string s) => new(s.Where(char.IsAsciiDigit).ToArray());

    private static bool Fits(string? value, int max) => UserText.Clean(value) is { Length: > 0 } clean && clean.Length <= max;

    public override string ToString() => $"{Province}{City}{District}{Street}";
}
