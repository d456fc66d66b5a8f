using Microsoft.AspNetCore.Mvc;

namespace ReliefMarket.Web.Reports;

/// <summary>A report as a download, named after its period.</summary>
public static class ReportFiles
{
    public static FileContentResult Csv(AidReport report, AidReportResult result, string name) =>
        new(report.Csv(result), "text/csv; charset=utf-8") { FileDownloadName = FileName(result, name, "csv") };

    public static FileContentResult Xlsx(AidReport report, AidReportResult result, string name) =>
        new(report.Xlsx(result), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") { FileDownloadName = FileName(result, name, "xlsx") };

    private static string FileName(AidReportResult result, string name, string extension) =>
        $"{name}-{result.Query.From:yyyyMMdd}-{result.Query.To:yyyyMMdd}.{extension}";
}
