using Microsoft.AspNetCore.Identity;

namespace ReliefMarket.Web.Data;

public class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }
    /// <summary>"zh-CN" or "en": the language of pages and emails for this person.</summary>
    public string PreferredCulture { get; set; } = "zh-CN";
    /// <summary>For cooperative members: the one producer whose listings and orders they manage.</summary>
    public int? ProducerId { get; set; }
    public Producer? Producer { get; set; }
    /// <summary>For work-unit buyers: the one unit they place procurement orders for.</summary>
    public int? WorkUnitId { get; set; }
}

public static class Roles
{
    public const string Consumer = nameof(Consumer);
    public const string CooperativeMember = nameof(CooperativeMember);
    public const string Admin = nameof(Admin);
    public const string Auditor = nameof(Auditor);
    public const string WorkUnitBuyer = nameof(WorkUnitBuyer);

    public static readonly string[] All = [Consumer, CooperativeMember, Admin, Auditor, WorkUnitBuyer];
}
