using AngleSharp;
using AngleSharp.Dom;

namespace ReliefMarket.Web.Tests.Infrastructure;

public static class Html
{
    public static async Task<IDocument> GetPageAsync(this HttpClient client, string url, System.Net.HttpStatusCode expected = System.Net.HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"GET {url}: expected {expected}, got {(int)response.StatusCode}\n{body[..Math.Min(body.Length, 2000)]}");
        return await BrowsingContext.New().OpenAsync(r => r.Content(body));
    }

    public static async Task<IDocument> ReadPageAsync(this HttpResponseMessage response) =>
        await BrowsingContext.New().OpenAsync(r => r.Content(response.Content.ReadAsStream()));

    public static IReadOnlyList<string> Texts(this IDocument page, string selector) =>
        page.QuerySelectorAll(selector).Select(e => e.TextContent.Trim()).ToList();
}
