using System.ComponentModel.DataAnnotations;

namespace ReliefMarket.Web.Accounts;

/// <summary>
/// Refuses typed text with control or format characters or broken surrogates (<see cref="UserText"/>) before it
/// reaches a query: a NUL in an email would otherwise make PostgreSQL fail the lookup with a 500.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PlainTextAttribute : ValidationAttribute
{
    public PlainTextAttribute() => ErrorMessage = "Validation.PlainText";

    public override bool IsValid(object? value) => value is not string s || UserText.IsClean(s);
}
