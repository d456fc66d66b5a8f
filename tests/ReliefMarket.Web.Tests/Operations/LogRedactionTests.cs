using ReliefMarket.Web.Operations;

namespace ReliefMarket.Web.Tests.Operations;

public class LogRedactionTests
{
    [Theory]
    [InlineData("chen.xiaomei@example.org", "c***@example.org")]
    [InlineData("", "")]
    [InlineData("not-an-address", "***")]
    public void Email_addresses_keep_their_first_letter_and_domain(string email, string masked) =>
        Assert.Equal(masked, LogRedaction.MaskEmail(email));

    [Theory]
    [InlineData("GET http://shop.test/account/reset?email=a%40b.cn&code=Q2ZESjhB", "GET http://shop.test/account/reset?email=***&code=***")]
    [InlineData("Recipient 陈小梅 13812345678 广州", "Recipient 陈小梅 138****5678 广州")]
    [InlineData("key sk_live_51HxYz and secret whsec_abc123", "key sk_live_*** and secret whsec_***")]
    [InlineData("Stripe-Signature: t=1700000000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd",
        "Stripe-Signature: t=1700000000,v1=***")]
    [InlineData("mail to chen@example.org failed", "mail to c***@example.org failed")]
    [InlineData("card 4242 4242 4242 4242 pasted", "card ****4242 pasted")]
    [InlineData("order 1764412345678 at 20261129", "order 1764412345678 at 20261129")]   // ids and dates are not mobiles or cards
    public void Secrets_and_personal_data_are_masked_in_any_text(string text, string redacted) =>
        Assert.Equal(redacted, LogRedaction.Redact(text));

    [Fact]
    public void Structured_state_is_redacted_in_its_properties_and_in_the_message_the_JSON_console_prints()
    {
        var state = new RedactedState([new("QueryString", "?code=Q2ZESjhB"), new("Attempt", 2), new("{OriginalFormat}", "GET {QueryString}")],
            () => "GET /account/confirm?code=Q2ZESjhB");
        Assert.Equal("GET /account/confirm?code=***", state.ToString());
        Assert.Equal(["?code=***", (object)2, "GET {QueryString}"], state.Select(p => p.Value));
    }
}
