using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ReliefMarket.Web.Channels;

/// <summary>
/// POST /api/v1/channel-sales. The body is read by hand, against a byte cap, so an oversized batch is refused with 413
/// before anything is parsed and malformed JSON gets a problem body rather than the framework's bare 400.
/// </summary>
public static class ChannelSalesEndpoint
{
    public const string Path = "/channel-sales";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapChannelSales(this RouteGroupBuilder v1) =>
        v1.MapPost(Path, PostAsync)
            .WithName("PostChannelSales")
            .WithSummary("Report a batch of sales a device has already been paid for")
            .WithDescription("Authenticated by the X-Device-Key header. Each sale is accepted or rejected on its own; a sale id this device "
                             + "already reported returns its original result, or a conflict when the content differs.")
            .Accepts<ChannelSalesRequest>("application/json")
            .Produces<ChannelSalesResponse>()
            .Produces<ChannelSalesResponse>(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(Security.RateLimits.ChannelSales)
            .DisableAntiforgery();

    private static async Task<IResult> PostAsync(HttpContext http, AppDbContext db, ChannelSales sales, IOptions<ChannelsOptions> options, CancellationToken ct)
    {
        var device = await AuthenticateAsync(http, db, ct);
        if (device is null)
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Device key required",
                detail: $"Send a current device key in the {DeviceKey.Header} header.");

        var limits = options.Value;
        var body = await ReadCappedAsync(http.Request, limits.MaxBodyBytes, ct);
        if (body is null)
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Batch too large",
                detail: $"A batch may be at most {limits.MaxBodyBytes} bytes.");
        ChannelSalesRequest? request;
        try { request = JsonSerializer.Deserialize<ChannelSalesRequest>(body, Json); }
        catch (JsonException e) { return BadRequest($"The body is not a valid batch: {e.Message}"); }
        if (request?.Sales is not { Count: > 0 } batch || batch.Count > limits.MaxSalesPerBatch || batch.Any(s => s is null))
            return BadRequest($"A batch has 1 to {limits.MaxSalesPerBatch} sales.");

        var results = await sales.RecordAsync(device, batch, ct);
        var response = new ChannelSalesResponse(results.Count(r => r.Outcome == SaleOutcome.Accepted),
            results.Count(r => r.Outcome == SaleOutcome.Rejected), results.Count(r => r.Outcome == SaleOutcome.Conflict), results);
        // One sale alone answers as that sale would; a batch answers 200 and each sale carries its own status.
        var status = results is [{ Outcome: SaleOutcome.Conflict }] ? StatusCodes.Status409Conflict : StatusCodes.Status200OK;
        return Results.Json(response, Json, statusCode: status);
    }

    private static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed batch", detail: detail);

    /// <summary>The device the key belongs to; null for a missing, unknown, wrong or revoked key. Read every time, so a revocation counts at once.</summary>
    private static async Task<Device?> AuthenticateAsync(HttpContext http, AppDbContext db, CancellationToken ct)
    {
        var key = http.Request.Headers[DeviceKey.Header].ToString();
        if (DeviceKey.PrefixOf(key) is not { } prefix) return null;
        var device = await db.Devices.AsNoTracking().SingleOrDefaultAsync(d => d.KeyPrefix == prefix, ct);
        return device is { IsRevoked: false } && DeviceKey.Matches(key, device.KeyHash) ? device : null;
    }

    /// <summary>The body, or null once it passes <paramref name="max"/> bytes (whether or not Content-Length said so).</summary>
    private static async Task<byte[]?> ReadCappedAsync(HttpRequest request, int max, CancellationToken ct)
    {
        if (request.ContentLength > max) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
