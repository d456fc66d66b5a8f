using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Stripe;
using ReliefMarket.Web.Payments;

namespace ReliefMarket.Web.Tests.Payments;

/// <summary>
/// stripe-stateful-mock (npm, installed by scripts/test into tests/stripe-mock): a local emulator that keeps
/// charges and refunds and honours idempotency keys, so refunds can be exercised end to end without the internet.
/// </summary>
public sealed class StripeEmulator : IAsyncLifetime
{
    private Process? _node;
    public IStripeClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = MailShop.FreePort();
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../stripe-mock"));
        var cli = Path.Combine(root, "node_modules/stripe-stateful-mock/dist/cli.js");
        if (!System.IO.File.Exists(cli)) throw new InvalidOperationException($"Run `npm ci --prefix {root}` (scripts/test does) to install the Stripe emulator.");
        _node = Process.Start(new ProcessStartInfo("node", cli) { Environment = { ["PORT"] = port.ToString() }, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var url = $"http://127.0.0.1:{port}";
        for (var i = 0; i < 100; i++)
        {
            try { using var tcp = new TcpClient(); await tcp.ConnectAsync(IPAddress.Loopback, port); break; }
            catch (SocketException) { await Task.Delay(100); }
        }
        Client = new StripeClient(new StripeClientOptions { ApiKey = "sk_test_emulator", ApiBase = url, ConnectBase = url, FilesBase = url });
    }

    public Task DisposeAsync()
    {
        _node?.Kill(entireProcessTree: true);
        _node?.Dispose();
        return Task.CompletedTask;
    }
}

public class StripeEmulatorTests(StripeEmulator emulator) : IClassFixture<StripeEmulator>
{
    private StripeGateway Gateway() => new(emulator.Client, Options.Create(new StripeOptions { SecretKey = "sk_test_emulator", WebhookSecret = "whsec_x" }), TimeProvider.System);

    private async Task<Charge> ChargeAsync(long fen) =>
        await new ChargeService(emulator.Client).CreateAsync(new ChargeCreateOptions { Amount = fen, Currency = "cny", Source = "tok_visa" });

    [Fact]
    public async Task A_retried_refund_with_the_same_key_returns_the_same_refund_and_moves_money_once()
    {
        var charge = await ChargeAsync(11600);

        var first = await Gateway().RefundAsync(charge.Id, new Money(5800), $"refund:{charge.Id}:1", default);
        var retried = await Gateway().RefundAsync(charge.Id, new Money(5800), $"refund:{charge.Id}:1", default);
        Assert.Equal(first, retried);
        Assert.Equal(5800, (await new ChargeService(emulator.Client).GetAsync(charge.Id)).AmountRefunded);

        var second = await Gateway().RefundAsync(charge.Id, new Money(5800), $"refund:{charge.Id}:2", default);
        Assert.NotEqual(first, second);
        var refunded = await new ChargeService(emulator.Client).GetAsync(charge.Id);
        Assert.Equal((11600L, true), (refunded.AmountRefunded, refunded.Refunded));

        // Nothing is left to refund: the provider says no, and we surface it.
        await Assert.ThrowsAsync<StripeException>(() => Gateway().RefundAsync(charge.Id, new Money(1), $"refund:{charge.Id}:3", default));
    }

    [Fact]
    public async Task A_declined_card_is_an_error_the_caller_sees()
    {
        var e = await Assert.ThrowsAsync<StripeException>(() =>
            new ChargeService(emulator.Client).CreateAsync(new ChargeCreateOptions { Amount = 1000, Currency = "cny", Source = "tok_chargeDeclined" }));
        Assert.Equal("card_declined", e.StripeError.Code);
    }
}
