using System.Globalization;

namespace ReliefMarket.Web.Channels.Imports;

/// <summary>A row that passes, ready to become an order.</summary>
public sealed record ValidRow(int Number, string Receipt, DateTime SoldAtUtc, IReadOnlyList<(Product Product, int Quantity, Money UnitPrice)> Lines, long TotalFen);

/// <summary>Why one cell of one row fails: <paramref name="Key"/> is a localizer key, <paramref name="Value"/> the cell as typed.</summary>
public sealed record CellError(int Row, string Column, string Value, string Key, IReadOnlyList<object> Args);

/// <summary>
/// The rules of an imported row. Each cell is parsed first (every bad cell of a row is named); a row whose cells parse
/// is then held to the same rules as a device's sale (<see cref="SaleCheck"/>): known product, price within the
/// tolerance, total = quantity × unit price, time neither future nor too old.
/// </summary>
public static class ImportCheck
{
    public static (List<ValidRow> Valid, List<CellError> Errors) Check(IReadOnlyList<ImportRow> rows, DateOnly salesDate,
        OfflineSale.Catalog catalog, ChannelsOptions rules, DateTime nowUtc)
    {
        var valid = new List<ValidRow>();
        var errors = new List<CellError>();
        var receipts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var rowErrors = new List<CellError>();
            void Fail(string column, string value, string key, params object[] args) => rowErrors.Add(new CellError(row.Number, column, value, key, args));

            if (row.Receipt.Length is 0 or > DeviceSale.MaxSaleIdLength) Fail("receipt", row.Receipt, "Imports.Error.Receipt", DeviceSale.MaxSaleIdLength);
            else if (!receipts.Add(row.Receipt)) Fail("receipt", row.Receipt, "Imports.Error.DuplicateReceipt");
            var time = TimeOf(row.Time);
            if (time is null) Fail("time", row.Time, "Imports.Error.Time");
            if (row.Product.Length == 0) Fail("product", row.Product, "Imports.Error.Product");
            if (!int.TryParse(row.Quantity, NumberStyles.None, CultureInfo.InvariantCulture, out var quantity)) Fail("quantity", row.Quantity, "Imports.Error.Quantity", rules.MaxQuantityPerLine);
            if (!Money.TryParse(row.UnitPrice, allowNegative: false, out var price, out _)) Fail("unit_price", row.UnitPrice, "Imports.Error.Amount");
            if (!Money.TryParse(row.Total, allowNegative: false, out var total, out _)) Fail("total", row.Total, "Imports.Error.Amount");
            if (rowErrors.Count == 0)
            {
                // China keeps no daylight saving: a China-time day and hour is always UTC+8.
                var soldAt = new DateTimeOffset(salesDate.ToDateTime(time!.Value), TimeSpan.FromHours(8));
                var sale = new ChannelSaleRequest(row.Receipt, soldAt, [new ChannelSaleLineRequest(row.Product, quantity, price.Fen)], total.Fen);
                switch (SaleCheck.Check(sale, catalog.BySlug, rules, nowUtc))
                {
                    case SaleCheck.Valid ok: valid.Add(new ValidRow(row.Number, row.Receipt, soldAt.UtcDateTime, ok.Lines, total.Fen)); break;
                    case SaleCheck.Invalid bad:
                        var (column, value, args) = bad.Reason switch
                        {
                            RejectionReason.UnknownProduct => ("product", row.Product, Array.Empty<object>()),
                            RejectionReason.QuantityOutOfRange => ("quantity", row.Quantity, [rules.MaxQuantityPerLine]),
                            RejectionReason.PriceOutOfTolerance => ("unit_price", row.UnitPrice,
                                [catalog.BySlug[row.Product].Price.ToString(), rules.PriceToleranceBasisPoints / 100m]),
                            RejectionReason.TotalMismatch => ("total", row.Total, [new Money(price.Fen * quantity).ToString()]),
                            RejectionReason.TimeInFuture or RejectionReason.TooOld => ("time", row.Time, [rules.MaxAge.TotalDays]),
                            _ => ("receipt", row.Receipt, []),
                        };
                        Fail(column, value, "Imports.Error." + bad.Reason, args);
                        break;
                }
            }
            errors.AddRange(rowErrors);
        }
        return (valid, errors);
    }

    /// <summary>"9:05", "09:05:30", or nothing (midnight, the start of the day); an XLSX time cell arrives as HH:mm:ss.</summary>
    private static TimeOnly? TimeOf(string text) =>
        text.Length == 0 ? TimeOnly.MinValue
        : TimeOnly.TryParseExact(text, ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t
        : null;
}
