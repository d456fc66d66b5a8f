using System.Net;
using ReliefMarket.Web.Listings;
using SixLabors.ImageSharp;

namespace ReliefMarket.Web.Tests.Areas.Cooperative;

public abstract class PhotosTests<TShop>(TShop shop) : IClassFixture<TShop> where TShop : ShopFactory
{
    private static string Url(int id) => $"/coop/products/{id}/photos";

    private Task<HttpResponseMessage> UploadAsync(Shopper member, int id, string name, string type, byte[] bytes) =>
        member.UploadAsync(Url(id), "form.upload", [], ("photo", name, type, bytes));

    private async Task<List<ProductPhoto>> PhotosAsync(int id)
    {
        await using var scope = shop.Scope(out var db);
        return await db.ProductPhotos.AsNoTracking().Where(p => p.ProductId == id).OrderBy(p => p.Position).ToListAsync();
    }

    private string[] FilesOnDisk() => Directory.GetFiles(shop.Services.GetRequiredService<PhotoStore>().Folder);

    [Fact]
    public async Task A_phone_photo_is_turned_upright_stripped_of_its_gps_resized_and_served_as_immutable_webp()
    {
        var id = await shop.ListingAsync();
        var member = await shop.MemberAsync();
        var response = await UploadAsync(member, id, "IMG_0001.JPG", "image/jpeg", TestImages.PhoneJpeg());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var photo = Assert.Single(await PhotosAsync(id));
        Assert.Equal((667, 2000), (photo.Width, photo.Height));

        var served = await shop.Client().GetAsync($"/photos/{photo.FileName}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/webp", served.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", served.Headers.CacheControl!.ToString());
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        var bytes = await served.Content.ReadAsByteArrayAsync();
        var info = Image.Identify(bytes, out var format);
        Assert.Equal("Webp", format.Name, ignoreCase: true);
        Assert.Equal((667, 2000), (info.Width, info.Height));
        Assert.Null(info.Metadata.ExifProfile);
        var thumb = Image.Identify(await shop.Client().GetByteArrayAsync($"/photos/{photo.ThumbnailName}"));
        Assert.Equal(400, Math.Max(thumb.Width, thumb.Height));

        // The storefront shows it: a gallery on the product page, the cover thumbnail with srcset in lists.
        var slug = (await shop.ProductAsync(id)).Slug;
        var page = await Shopper.Anonymous(shop).PageAsync($"/products/{slug}");
        Assert.Equal($"/photos/{photo.FileName}", page.QuerySelector(".gallery img.product-image")!.GetAttribute("src"));
        var origin = await Shopper.Anonymous(shop).PageAsync("/products?q=测试土豆");
        Assert.Contains(origin.QuerySelectorAll("article.card img"), img => img.GetAttribute("srcset")?.Contains(photo.ThumbnailName) == true);
    }

    [Fact]
    public async Task Content_decides_not_the_name_and_refused_files_leave_nothing_behind()
    {
        var id = await shop.ListingAsync();
        var member = await shop.MemberAsync(language: "en");
        var before = FilesOnDisk().Length;

        var exe = await UploadAsync(member, id, "setup.exe", "application/octet-stream", TestImages.Png());
        Assert.Equal(HttpStatusCode.Redirect, exe.StatusCode); // a PNG by content: accepted and re-encoded; the name is ignored
        Assert.Equal(before + 2, FilesOnDisk().Length);

        foreach (var (name, type, bytes, message) in new[]
                 {
                     ("photo.jpg", "image/jpeg", TestImages.Html, "not a JPEG, PNG or WebP"),
                     ("noise.png", "image/png", TestImages.Noise(4096), "not a JPEG, PNG or WebP"),
                     ("huge.png", "image/png", TestImages.HugePngHeader(), "too many pixels"),
                 })
        {
            var allocated = GC.GetTotalAllocatedBytes();
            var response = await UploadAsync(member, id, name, type, bytes);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message, (await response.ReadPageAsync()).QuerySelector(".photo-error")!.TextContent);
            // Refused from the header: nowhere near the 1.2 GB a decode of 20,000 × 20,000 would need.
            Assert.True(GC.GetTotalAllocatedBytes() - allocated < 200_000_000, $"{name}: {GC.GetTotalAllocatedBytes() - allocated} bytes allocated");
        }
        Assert.Single(await PhotosAsync(id));
        Assert.Equal(before + 2, FilesOnDisk().Length);
    }

    [Fact]
    public async Task A_file_over_8_MB_is_refused_before_it_is_read()
    {
        var id = await shop.ListingAsync();
        var member = await shop.MemberAsync(language: "en");
        var before = FilesOnDisk().Length;
        var response = await UploadAsync(member, id, "big.jpg", "image/jpeg", TestImages.Noise(9 * 1024 * 1024));
        var page = await member.FollowAsync(response);
        Assert.Equal("The file is larger than 8 MB.", page.QuerySelector(".photo-error")!.TextContent);
        Assert.Empty(await PhotosAsync(id));
        Assert.Equal(before, FilesOnDisk().Length);
    }

    [Fact]
    public async Task Photos_are_reordered_the_cover_chosen_and_deleted_with_their_files_and_six_is_the_limit()
    {
        var id = await shop.ListingAsync();
        var member = await shop.MemberAsync();
        for (var i = 0; i < ProductPhoto.MaxPerListing; i++)
            Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(member, id, $"{i}.png", "image/png", TestImages.Png(40 + i, 30))).StatusCode);
        var page = await member.PageAsync(Url(id));
        Assert.Null(page.QuerySelector("form.upload"));
        var photos = await PhotosAsync(id);
        var last = photos[^1];

        await PostPhotoAsync(member, id, "Cover", last.Id);
        photos = await PhotosAsync(id);
        Assert.Equal(last.Id, photos[0].Id);
        await PostPhotoAsync(member, id, "Up", photos[2].Id);
        Assert.Equal(photos[2].Id, (await PhotosAsync(id))[1].Id);

        var store = shop.Services.GetRequiredService<PhotoStore>();
        await PostPhotoAsync(member, id, "Delete", last.Id);
        photos = await PhotosAsync(id);
        Assert.Equal(5, photos.Count);
        Assert.Equal([0, 1, 2, 3, 4], photos.Select(p => p.Position));
        Assert.False(File.Exists(store.PathOf(last.FileName)));
        Assert.False(File.Exists(store.PathOf(last.ThumbnailName)));
        Assert.Equal(HttpStatusCode.NotFound, (await shop.Client().GetAsync($"/photos/{last.FileName}")).StatusCode);
    }

    [Fact]
    public async Task Another_producers_listing_and_photos_answer_404_and_stay_as_they_were()
    {
        var theirs = await shop.ListingAsync(Members.ProducerB);
        var owner = await shop.MemberAsync(Members.ProducerB);
        await UploadAsync(owner, theirs, "a.png", "image/png", TestImages.Png());
        var photo = Assert.Single(await PhotosAsync(theirs));
        var mine = await shop.ListingAsync();
        var intruder = await shop.MemberAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await intruder.Client.GetAsync(Url(theirs))).StatusCode);
        // Their photo id on my own listing's page, with a valid token: not found, not deleted.
        var page = await intruder.PageAsync(Url(mine));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var (listing, handler) in new[] { (theirs, "Delete"), (mine, "Delete"), (theirs, "Upload"), (mine, "Cover") })
        {
            var response = await intruder.Client.PostAsync($"{Url(listing)}?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["photoId"] = photo.Id.ToString(),
            }));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        Assert.Equal(photo.FileName, Assert.Single(await PhotosAsync(theirs)).FileName);
    }

    private static async Task PostPhotoAsync(Shopper member, int id, string handler, int photoId)
    {
        var page = await member.PageAsync(Url(id));
        var form = page.QuerySelectorAll($"li.photo[data-id='{photoId}'] form").Single(f => f.GetAttribute("action")!.Contains($"handler={handler}"));
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await member.Client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["photoId"] = photoId.ToString(),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}

public sealed class PhotosOnSqlite(SqliteShop shop) : PhotosTests<SqliteShop>(shop);
public sealed class PhotosOnPostgres(PostgresShop shop) : PhotosTests<PostgresShop>(shop);
