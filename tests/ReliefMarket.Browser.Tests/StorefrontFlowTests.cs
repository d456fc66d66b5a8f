using System.Text.RegularExpressions;

namespace ReliefMarket.Browser.Tests;

public class StorefrontFlowTests(BrowserShop shop) : BrowserTests(shop)
{
    public static TheoryData<string> Devices => ["phone", "desktop"];

    private static BrowserNewContextOptions Device(string name) => name == "phone" ? BrowserShop.Phone : BrowserShop.Desktop;

    [Theory]
    [MemberData(nameof(Devices))]
    public async Task Search_potatoes_from_the_home_page_open_them_and_read_them_in_English(string device)
    {
        var page = await Shop.NewPageAsync(Device(device));
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("买山里的好物，帮山里的乡亲");
        await BrowserShop.ScreenshotAsync(page, $"{device}-1-home");

        await page.GetByLabel("搜索商品").FillAsync("土豆");
        await page.GetByLabel("搜索商品").PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/products\?q=%E5%9C%9F%E8%B1%86$"));
        await Assertions.Expect(page.Locator(".card-title").First).ToHaveTextAsync("威宁土豆");
        await BrowserShop.ScreenshotAsync(page, $"{device}-2-search");

        await page.GetByRole(AriaRole.Link, new() { Name = "威宁土豆" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/products/weining-potatoes$"));
        await Assertions.Expect(page.Locator(".certificate")).ToContainTextAsync("WN-2020-0618");
        await BrowserShop.ScreenshotAsync(page, $"{device}-3-product");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/products/weining-potatoes$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Weining potatoes");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await BrowserShop.ScreenshotAsync(page, $"{device}-4-product-en");

        // The choice is remembered on the next page.
        await page.GotoAsync("/products");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("All produce");
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public async Task Filter_by_Hezhang_and_see_only_Hezhang_produce(string device)
    {
        var page = await Shop.NewPageAsync(Device(device));
        await page.GotoAsync("/products");
        await page.GetByText("筛选与排序").ClickAsync();
        await page.GetByLabel("县").SelectOptionAsync(new SelectOptionValue { Label = "赫章县" });
        await page.GetByRole(AriaRole.Button, new() { Name = "应用" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("county=hezhang"));
        await Assertions.Expect(page.Locator(".lead")).ToHaveTextAsync("共 5 件商品");
        var origins = await page.Locator(".origin").AllTextContentsAsync();
        Assert.Equal(5, origins.Count);
        Assert.All(origins, o => Assert.StartsWith("赫章县", o.Trim()));
        await BrowserShop.ScreenshotAsync(page, $"{device}-5-hezhang");
    }

    [Fact]
    public async Task The_origins_map_links_to_a_county_and_keyboard_users_can_skip_to_content()
    {
        var page = await Shop.NewPageAsync(BrowserShop.Phone);
        await page.GotoAsync("/origins");
        await BrowserShop.ScreenshotAsync(page, "phone-6-origins");
        await page.Locator(".county-map a[href='/origins/bomi'] circle").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("波密县");

        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator(".skip-link")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("#main$"));
    }

    [Fact]
    public async Task A_browser_asking_for_English_gets_English_on_first_visit()
    {
        var page = await Shop.NewPageAsync(BrowserShop.Desktop, locale: "en-US");
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.Locator(".card-title").First).ToHaveTextAsync("Weining potatoes");
        await BrowserShop.ScreenshotAsync(page, "desktop-7-home-en");
    }
}
