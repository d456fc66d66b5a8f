namespace ReliefMarket.Domain;

/// <summary>Stable, URL-safe codes ("weining", "pingshan") that identify seeded and shared records.</summary>
public static class Slug
{
    public static bool IsValid(string? code) =>
        !string.IsNullOrEmpty(code) && code.Length <= 64
        && code.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-')
        && code[0] != '-' && code[^1] != '-';

    public static string Require(string code) =>
        IsValid(code) ? code : throw new DomainException($"'{code}' is not a valid code (a-z, 0-9 and '-').");
}
