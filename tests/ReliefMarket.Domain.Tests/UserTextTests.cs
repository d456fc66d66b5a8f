namespace ReliefMarket.Domain.Tests;

public class UserTextTests
{
    public static TheoryData<string, string?> Corpus => new()
    {
        { "陈小梅", "陈小梅" },
        { "  陈小梅 ", "陈小梅" },
        { "Cafe\u0301", "Café" },                         // decomposed é is stored composed (NFC)
        { "<script>alert(1)</script>", "<script>alert(1)</script>" }, // plain text: encoding on output is the page's job
        { "小梅🌸", "小梅🌸" },
        { "👩\u200D💻", "👩\u200D💻" },                    // a joiner inside an emoji sequence is kept
        { "❤\uFE0F\u200D🔥", "❤\uFE0F\u200D🔥" },
        { "abc\u202Edef", null },                         // right-to-left override
        { "abc\u200Bdef", null },                         // zero-width space
        { "a\u200Db", null },                             // a joiner between letters
        { "abc\0", null },                                // NUL
        { "abc\n", null },
        { "abc\u2028", null },                            // line separator
        { "abc\uD800", null },                            // lone high surrogate
        { "\uDC00abc", null },                            // lone low surrogate
        { "\uFEFFabc", null },                            // byte-order mark
    };

    // Not enumerated at discovery: xUnit's serialiser would turn the lone surrogates into U+FFFD.
    [Theory, MemberData(nameof(Corpus), DisableDiscoveryEnumeration = true)]
    public void Text_is_kept_in_NFC_or_refused_when_it_holds_control_format_or_broken_characters(string typed, string? stored) =>
        Assert.Equal(stored, UserText.Clean(typed));

    [Fact]
    public void Digit_fields_read_full_width_digits_as_ASCII() =>
        Assert.Equal("138 1234-5678", UserText.CleanCompatible("１３８\u3000１２３４－５６７８"));

    [Theory]
    [InlineData(0x202E)]
    [InlineData(0x200B)]
    [InlineData(0x0000)]
    [InlineData(0xD800)]
    public void An_address_refuses_hostile_characters_in_every_field(int character)
    {
        var hostile = $"张{(char)character}三";
        Assert.Equal(["Recipient", "Province", "City", "District", "Street"],
            ShippingAddress.Problems(hostile, "13812345678", hostile, hostile, hostile, hostile + "光明路1号"));
        Assert.Equal(["Mobile"], ShippingAddress.Problems("张三", "138" + hostile, "广东省", "广州市", "番禺区", "光明路1号"));
    }

    [Fact]
    public void An_address_is_stored_normalised()
    {
        var address = ShippingAddress.Create("Rene\u0301 🌸", "１３８ １２３４ ５６７８", "广东省", "广州市", "番禺区", "光明路1号");
        Assert.Equal(("René 🌸", "13812345678"), (address.Recipient, address.Mobile));
        Assert.Equal(["Street"], ShippingAddress.Problems("张三", "13812345678", "广东省", "广州市", "番禺区", new string('路', 10_000)));
    }
}
