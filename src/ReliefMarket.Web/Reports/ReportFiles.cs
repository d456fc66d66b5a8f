using Microsoft.AspNetCore.Mvc;

namespace ReliefMarket.Web.Reports;

/// <summary>A report as a download, named after its period.</summary>
public static class ReportFiles
{
    public static FileContentResult Csv(AidReport report, AidReportResult result, string name) =>
        new(report.Csv(result), CsvType) { FileDownloadName = FileName(result, name, "csv") };

    public static FileContentResult Xlsx(AidReport report, AidReportResult result, string name) =>
        new(report.Xlsx(result), XlsxType) { FileDownloadName = FileName(result, name, "xlsx") };

    /// <summary>"aid-sales" for the whole report, "my-sales" for a cooperative member's own.</summary>
    public static string Name(int? producerScope) => producerScope is null ? "aid-sales" : "my-sales";

    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string ContentType(string fileName) => fileName.EndsWith(".xlsx", StringComparison.Ordinal) ? XlsxType : CsvType;

    private static string FileName(AidReportResult result, string name, string extension) =>
        $"{name}-{result.Query.From:yyyyMMdd}-{result.Query.To:yyyyMMdd}.{extension}";
}
