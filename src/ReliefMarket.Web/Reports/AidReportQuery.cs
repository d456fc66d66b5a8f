using System.Globalization;
using System.Text.RegularExpressions;

namespace ReliefMarket.Web.Reports;

public enum ReportDimension { County, Village, Producer, Channel, Category, Month, Quarter }

/// <summary>The bars of the chart over time: one per China-time week (Monday to Sunday) or month.</summary>
public enum ChartInterval { Month, Week }

/// <summary>
/// The report's parameters as they stand in the query string (shareable, bookmarkable). Dates are China-time days;
/// <see cref="To"/> is inclusive. Every bad value is reported in <see cref="Problems"/> (localizer keys) and replaced
/// by its default, so a bad link shows a message and a report, never an error page.
/// </summary>
public sealed partial record AidReportQuery(DateOnly From, DateOnly To, string? County, string? Village, string? Producer,
    Channel? Channel, ProductCategory? Category, bool AidOnly, ReportDimension Rows, ReportDimension Columns)
{
    public IReadOnlyList<string> Problems { get; init; } = [];
    /// <summary>A livestream campaign's code: only the sales of orders placed from its share link.</summary>
    public string? Campaign { get; init; }
    public ChartInterval Interval { get; init; }
    /// <summary>What the chart's bars are stacked by: <see cref="ReportDimension.Channel"/> or <see cref="ReportDimension.County"/>.</summary>
    public ReportDimension Stack { get; init; } = ReportDimension.Channel;

    /// <summary>Weekly bars over a longer period would be too many to read; such a chart is drawn by month.</summary>
    public const int MaxWeeklyDays = 184;

    /// <summary>Longer ranges are for the background export (not built yet); three years covers every report asked for.</summary>
    public const int MaxDays = 3 * 366;

    public static AidReportQuery Parse(IQueryCollection q, DateOnly today)
    {
        var problems = new List<string>();
        var (from, to) = Period(q, today, problems);
        return new AidReportQuery(from, to,
            Code(q, "county", problems), Code(q, "village", problems), Code(q, "producer", problems),
            Enum<Channel>(q, "channel", problems), Enum<ProductCategory>(q, "category", problems),
            AidOnly: (string?)q["aid"] is not ("0" or "false" or "off"),
            Rows: Enum<ReportDimension>(q, "rows", problems) ?? ReportDimension.County,
            Columns: Enum<ReportDimension>(q, "cols", problems) ?? ReportDimension.Channel)
        {
            Problems = problems,
            Campaign = Code(q, "campaign", problems),
            Interval = Enum<ChartInterval>(q, "interval", problems) is ChartInterval.Week && to.DayNumber - from.DayNumber < MaxWeeklyDays
                ? ChartInterval.Week : ChartInterval.Month,
            Stack = Enum<ReportDimension>(q, "stack", problems) is ReportDimension.County ? ReportDimension.County : ReportDimension.Channel,
        };
    }

    private static (DateOnly, DateOnly) Period(IQueryCollection q, DateOnly today, List<string> problems)
    {
        var quarterStart = QuarterOf(today);
        switch (((string?)q["period"] ?? "").ToLowerInvariant())
        {
            case "" or "this-quarter": break;
            case "last-quarter": return (quarterStart.AddMonths(-3), quarterStart.AddDays(-1));
            case "year-to-date": return (new DateOnly(today.Year, 1, 1), today);
            case var p when QuarterName().Match(p) is { Success: true } m:
                var start = new DateOnly(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), (int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) - 1) * 3 + 1, 1);
                return (start, start.AddMonths(3).AddDays(-1));
            case var p when DateOnly.TryParseExact(p, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month):
                return (month, month.AddMonths(1).AddDays(-1));
            case "range":
                if (DateOnly.TryParseExact(q["from"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                    && DateOnly.TryParseExact(q["to"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to)
                    && from <= to && to.DayNumber - from.DayNumber < MaxDays)
                    return (from, to);
                problems.Add("Reports.Problem.Range");
                break;
            default:
                problems.Add("Reports.Problem.Period");
                break;
        }
        return (quarterStart, quarterStart.AddMonths(3).AddDays(-1));
    }

    public static DateOnly QuarterOf(DateOnly day) => new(day.Year, (day.Month - 1) / 3 * 3 + 1, 1);

    private static string? Code(IQueryCollection q, string key, List<string> problems)
    {
        var value = (string?)q[key];
        if (string.IsNullOrEmpty(value)) return null;
        if (Slug.IsValid(value)) return value;
        problems.Add("Reports.Problem.Filter");
        return null;
    }

    private static T? Enum<T>(IQueryCollection q, string key, List<string> problems) where T : struct, Enum
    {
        var value = (string?)q[key];
        if (string.IsNullOrEmpty(value)) return null;
        if (System.Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !int.TryParse(value, out _)) return parsed;
        problems.Add("Reports.Problem.Filter");
        return null;
    }

    [GeneratedRegex(@"^(\d{4})-?q([1-4])$")]
    private static partial Regex QuarterName();

    /// <summary>This view's query string, for the CSV link and the preset links.</summary>
    public string ToQueryString()
    {
        var parts = new List<KeyValuePair<string, string?>>
        {
            new("period", "range"), new("from", From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("to", To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("rows", Rows.ToString()), new("cols", Columns.ToString()),
        };
        if (County is not null) parts.Add(new("county", County));
        if (Village is not null) parts.Add(new("village", Village));
        if (Producer is not null) parts.Add(new("producer", Producer));
        if (Channel is not null) parts.Add(new("channel", Channel.ToString()));
        if (Category is not null) parts.Add(new("category", Category.ToString()));
        if (Campaign is not null) parts.Add(new("campaign", Campaign));
        if (!AidOnly) parts.Add(new("aid", "0"));
        if (Interval != ChartInterval.Month) parts.Add(new("interval", Interval.ToString()));
        if (Stack != ReportDimension.Channel) parts.Add(new("stack", Stack.ToString()));
        return Microsoft.AspNetCore.Http.QueryString.Create(parts).ToString();
    }
}
