namespace ReliefMarket.Browser.Tests;

/// <summary>
/// Base of every browser test class: a test fails if any page it opened reported a Content-Security-Policy
/// violation, so the policy cannot silently break a feature (a blocked style or script is easy to miss).
/// </summary>
public abstract class BrowserTests(BrowserShop shop) : IClassFixture<BrowserShop>, IAsyncLifetime
{
    protected BrowserShop Shop { get; } = shop;

    public async Task InitializeAsync() => await Shop.TakeCspViolationsAsync();

    public async Task DisposeAsync()
    {
        var violations = await Shop.TakeCspViolationsAsync();
        Assert.True(violations.Count == 0, "Content-Security-Policy violations:\n" + string.Join("\n", violations));
    }
}
