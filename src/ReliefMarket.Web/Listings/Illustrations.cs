namespace ReliefMarket.Web.Listings;

/// <summary>The flat illustration a new listing shows until it has photos (one per category, from the demo catalog's set).</summary>
public static class Illustrations
{
    public static string For(ProductCategory category) => "/images/products/" + category switch
    {
        ProductCategory.Eggs => "hezhang-eggs.svg",
        ProductCategory.NutsAndDriedFruit => "hezhang-walnuts.svg",
        ProductCategory.FlowersAndSeedlings => "tiejiang-fresh-flowers.svg",
        ProductCategory.Herbs => "yigong-tea.svg",
        ProductCategory.Aquatic => "huzhong-crayfish.svg",
        ProductCategory.Dairy => "anquan-goat-milk.svg",
        _ => "weining-potatoes.svg",
    };
}
