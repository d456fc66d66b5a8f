using System.Globalization;
using ReliefMarket.Domain.Procurement;

namespace ReliefMarket.Web.Areas.Admin.Pages.WorkUnits;

/// <summary>A work unit's fields as an administrator types them: the budget in yuan, the target share in percent.</summary>
public sealed class WorkUnitForm
{
    public string? Name { get; set; }
    public WorkUnitKind Kind { get; set; } = WorkUnitKind.CompanyCanteen;
    public string? Recipient { get; set; }
    public string? Mobile { get; set; }
    public string? Province { get; set; }
    public string? City { get; set; }
    public string? District { get; set; }
    public string? Street { get; set; }
    public string? InvoiceTitle { get; set; }
    public string? TaxpayerId { get; set; }
    public string? Budget { get; set; }
    public string? TargetPercent { get; set; } = "10";

    public sealed record Parsed(string Name, WorkUnitKind Kind, ShippingAddress Address, InvoiceDetails Invoice, Money Budget, int TargetBasisPoints);

    /// <summary>The fields as values, or the localizer keys of what is wrong (every problem at once).</summary>
    public (Parsed? Unit, IReadOnlyList<string> Problems) Parse()
    {
        var problems = new List<string>();
        if (UserText.Clean(Name) is not { Length: > 0 and <= WorkUnit.MaxNameLength }) problems.Add("WorkUnits.Problem.Name");
        if (!Enum.IsDefined(Kind)) problems.Add("WorkUnits.Problem.Kind");
        if (ShippingAddress.Problems(Recipient, Mobile, Province, City, District, Street).Count > 0) problems.Add("WorkUnits.Problem.Address");
        if (!InvoiceDetails.IsTitle(InvoiceTitle)) problems.Add("WorkUnits.Problem.InvoiceTitle");
        if (!InvoiceDetails.IsTaxpayerId(TaxpayerId)) problems.Add("WorkUnits.Problem.TaxpayerId");
        if (!Money.TryParse(Budget, allowNegative: false, out var budget, out _)) problems.Add("WorkUnits.Problem.Budget");
        if (!decimal.TryParse(TargetPercent, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
            || percent > 100 || decimal.Round(percent, 2) != percent) problems.Add("WorkUnits.Problem.Target");
        if (problems.Count > 0) return (null, problems);
        return (new Parsed(UserText.Clean(Name)!, Kind, ShippingAddress.Create(Recipient, Mobile, Province, City, District, Street),
            InvoiceDetails.Create(InvoiceTitle, TaxpayerId), budget, (int)(percent * 100)), []);
    }

    public static WorkUnitForm From(WorkUnit u) => new()
    {
        Name = u.Name, Kind = u.Kind, Recipient = u.DeliveryAddress.Recipient, Mobile = u.DeliveryAddress.Mobile,
        Province = u.DeliveryAddress.Province, City = u.DeliveryAddress.City, District = u.DeliveryAddress.District,
        Street = u.DeliveryAddress.Street, InvoiceTitle = u.Invoice.Title, TaxpayerId = u.Invoice.TaxpayerId,
        Budget = u.AnnualBudget.ToPlainString(), TargetPercent = (u.TargetBasisPoints / 100m).ToString("0.##", CultureInfo.InvariantCulture),
    };

    /// <summary>What the audit log keeps of a unit: every field an invoice or a report depends on.</summary>
    public static Dictionary<string, object?> AuditFields(WorkUnit u) => new()
    {
        ["Name"] = u.Name, ["Kind"] = u.Kind, ["DeliveryAddress"] = $"{u.DeliveryAddress.Recipient} {u.DeliveryAddress.Mobile} {u.DeliveryAddress}",
        ["InvoiceTitle"] = u.Invoice.Title, ["TaxpayerId"] = u.Invoice.TaxpayerId, ["AnnualBudget"] = u.AnnualBudget,
        ["TargetBasisPoints"] = u.TargetBasisPoints,
    };
}
