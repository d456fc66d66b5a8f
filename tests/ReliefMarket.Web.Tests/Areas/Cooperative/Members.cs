using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Identity;

namespace ReliefMarket.Web.Tests.Areas.Cooperative;

/// <summary>Cooperative members and listings for the /coop tests.</summary>
public static class Members
{
    public const string ProducerA = "weining-potato-coop";
    public const string ProducerB = "hezhang-eggs-coop";

    public static async Task<int> ProducerIdAsync(this ShopFactory shop, string code)
    {
        await using var scope = shop.Scope(out var db);
        return await db.Producers.Where(p => p.Code == code).Select(p => p.Id).SingleAsync();
    }

    /// <summary>A member of <paramref name="producerCode"/>, signed in through the login page (the claim is added at sign-in).</summary>
    public static async Task<Shopper> MemberAsync(this ShopFactory shop, string producerCode = ProducerA, string? language = null) =>
        await CoopShop.MemberAsync(shop, await shop.ProducerIdAsync(producerCode), language);

    /// <summary>A draft listing of the producer, made directly in the database.</summary>
    public static async Task<int> ListingAsync(this ShopFactory shop, string producerCode = ProducerA, int stock = 50, bool certified = false)
    {
        await using var scope = shop.Scope(out var db);
        var producer = await db.Producers.Include(p => p.Village).SingleAsync(p => p.Code == producerCode);
        var product = new Product(producer, $"test-{Guid.NewGuid():N}"[..20], new("测试土豆", "Test potatoes"), new("", ""),
            ProductCategory.PotatoesAndVegetables, new("5公斤/箱", "5 kg box"), new Money(3990), stock, "/images/products/weining-potatoes.svg", DateTime.UtcNow);
        if (certified)
        {
            product.SubmitForCertification();
            product.Certify("FP-TEST-1", producer.Village.CountyId, DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1), DateOnly.FromDateTime(DateTime.UtcNow));
        }
        db.Products.Add(product);
        await db.SaveChangesAsync();
        return product.Id;
    }

    public static async Task<Product> ProductAsync(this ShopFactory shop, int id)
    {
        await using var scope = shop.Scope(out var db);
        return await db.Products.AsNoTracking().SingleAsync(p => p.Id == id);
    }

    /// <summary>Posts a multipart form as a browser would: the form's own hidden fields (antiforgery), the values and the files.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this Shopper member, string url, string selector, Dictionary<string, string> values,
        params (string Field, string FileName, string ContentType, byte[] Bytes)[] files)
    {
        var page = await member.PageAsync(url);
        var form = page.QuerySelector(selector) ?? throw new InvalidOperationException($"No form {selector} on {url}");
        var content = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll("input[type=hidden]"))
            if (!values.ContainsKey(input.GetAttribute("name")!)) content.Add(new StringContent(input.GetAttribute("value") ?? ""), input.GetAttribute("name")!);
        foreach (var (k, v) in values) content.Add(new StringContent(v), k);
        foreach (var (field, name, type, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new(type);
            content.Add(file, field, name);
        }
        return await member.Client.PostAsync(form.GetAttribute("action") is { Length: > 0 } action ? action : url, content);
    }

    public static Task<IDocument> FollowAsync(this Shopper member, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return member.PageAsync(response.Headers.Location!.OriginalString);
    }
}
