using System.Globalization;
using System.Text;

namespace ReliefMarket.Web.Channels.Imports;

/// <summary>One data row of an uploaded file as typed: text only, checked later. <paramref name="Number"/> is the row as a spreadsheet numbers it (the header is row 1).</summary>
public sealed record ImportRow(int Number, string Receipt, string Time, string Product, string Quantity, string UnitPrice, string Total);

/// <summary>
/// Reads an uploaded CSV (UTF-8) or XLSX file into rows of text, or refuses it with a localizer key saying why: too
/// large, empty, not UTF-8, not a spreadsheet, columns missing, too many rows. Nothing in a cell is interpreted here:
/// "=cmd|…" and "&lt;script&gt;" stay text.
/// </summary>
public static class ImportFile
{
    public abstract record Result;
    public sealed record Refused(string Key) : Result;
    public sealed record Rows(IReadOnlyList<ImportRow> Items) : Result;

    /// <summary>The template's columns, in its order; the Chinese headers are accepted as well.</summary>
    public static readonly string[] Columns = ["receipt", "time", "product", "quantity", "unit_price", "total"];
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["小票号"] = "receipt", ["时间"] = "time", ["商品"] = "product", ["数量"] = "quantity", ["单价"] = "unit_price", ["金额"] = "total",
    };
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ImportFormat? FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".csv" => ImportFormat.Csv,
        ".xlsx" => ImportFormat.Xlsx,
        _ => null,
    };

    public static Result Read(byte[] content, ImportFormat format, int maxRows)
    {
        if (content.Length == 0) return new Refused("Imports.Refused.Empty");
        List<string[]> records;
        if (format == ImportFormat.Xlsx)
        {
            // An XLSX file is a zip archive: anything else under that name is refused before the reader sees it.
            if (content is not [0x50, 0x4B, 0x03, 0x04, ..]) return new Refused("Imports.Refused.NotXlsx");
            try { records = Xlsx(content, maxRows + 2); }
            catch (Exception e) when (e is not OutOfMemoryException) { return new Refused("Imports.Refused.NotXlsx"); }
        }
        else
        {
            if (content is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..]) return new Refused("Imports.Refused.Encoding");
            string text;
            try { text = StrictUtf8.GetString(content); }
            catch (DecoderFallbackException) { return new Refused("Imports.Refused.Encoding"); }
            // Binary noise can be valid UTF-8; no sales sheet holds control characters.
            if (text.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t'))) return new Refused("Imports.Refused.NotCsv");
            records = Csv(text.TrimStart('\uFEFF'), maxRows + 2);
        }

        records.RemoveAll(r => r[..^1].All(string.IsNullOrWhiteSpace));
        if (records.Count == 0) return new Refused("Imports.Refused.Empty");
        var header = records[0].Select(h => h.Trim().TrimStart('\uFEFF')).Select(h => Aliases.GetValueOrDefault(h, h.ToLowerInvariant())).ToList();
        var at = Columns.ToDictionary(c => c, c => header.IndexOf(c));
        if (at.Where(kv => kv.Key != "time").Any(kv => kv.Value < 0)) return new Refused("Imports.Refused.Columns");
        if (records.Count - 1 > maxRows) return new Refused("Imports.Refused.TooManyRows");

        string Cell(string[] record, string column) => at[column] is >= 0 and var i && i < record.Length - 1 ? record[i].Trim() : "";
        // Blank rows were dropped, so each record carries its own row number in its last slot (see Csv and Xlsx).
        return new Rows(records.Skip(1).Select(r => new ImportRow(int.Parse(r[^1], CultureInfo.InvariantCulture), Cell(r, "receipt"), Cell(r, "time"),
            Cell(r, "product"), Cell(r, "quantity"), Cell(r, "unit_price"), Cell(r, "total"))).ToList());
    }

    /// <summary>RFC 4180: commas, quoted fields with doubled quotes and line breaks inside; stops after <paramref name="limit"/> records.</summary>
    private static List<string[]> Csv(string text, int limit)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        void EndRecord()
        {
            fields.Add(field.ToString());
            field.Clear();
            // Numbered as a spreadsheet numbers rows: a line break inside quotes does not start a row.
            fields.Add((records.Count + 1).ToString(CultureInfo.InvariantCulture));
            records.Add([.. fields]);
            fields.Clear();
        }
        for (var i = 0; i < text.Length && records.Count < limit; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                EndRecord();
            }
            else field.Append(c);
        }
        if ((field.Length > 0 || fields.Count > 0) && records.Count < limit) EndRecord();
        return records;
    }

    private static List<string[]> Xlsx(byte[] content, int limit)
    {
        var records = new List<string[]>();
        using var stream = new MemoryStream(content);
        var number = 0;
        foreach (IDictionary<string, object?> row in MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: false))
        {
            number++;
            if (records.Count >= limit) break;
            records.Add([.. row.Values.Select(Text), number.ToString(CultureInfo.InvariantCulture)]);
        }
        return records;
    }

    /// <summary>A cell as text, the way a person reads it: numbers without exponent, a time of day as HH:mm:ss.</summary>
    private static string Text(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
        TimeSpan t => t.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture),
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        decimal d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
