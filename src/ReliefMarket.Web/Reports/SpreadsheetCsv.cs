using CsvHelper;

namespace ReliefMarket.Web.Reports;

/// <summary>
/// CSV that people open in Excel: UTF-8 with a BOM so the Chinese survives, and a cell starting with = + - @ escaped,
/// because names and addresses are typed by other people and a spreadsheet would run them as formulas.
/// </summary>
public static class SpreadsheetCsv
{
    public static CsvWriterOptions Options => new() { WriteByteOrderMark = true, Injection = CsvInjection.Escape };
}
