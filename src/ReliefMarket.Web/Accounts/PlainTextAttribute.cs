using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Localization;

namespace ReliefMarket.Web.Accounts;

/// <summary>
/// Refuses typed text with control or format characters or broken surrogates (<see cref="UserText"/>) before it
/// reaches a query: a NUL in an email would otherwise make PostgreSQL fail the lookup with a 500.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PlainTextAttribute : ValidationAttribute
{
    private const string MessageKey = "Validation.PlainText";

    public PlainTextAttribute() : base(MessageKey) { }

    // MVC localizes only the attributes it has adapters for; this one asks the shared strings itself.
    protected override ValidationResult? IsValid(object? value, ValidationContext context)
    {
        if (value is not string text || UserText.IsClean(text)) return ValidationResult.Success;
        var strings = (IStringLocalizer<SharedResource>?)context.GetService(typeof(IStringLocalizer<SharedResource>));
        var message = strings?[MessageKey, context.DisplayName].Value ?? FormatErrorMessage(context.DisplayName);
        return new ValidationResult(message, context.MemberName is { } member ? [member] : null);
    }
}
