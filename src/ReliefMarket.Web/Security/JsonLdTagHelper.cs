using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ReliefMarket.Web.Security;

/// <summary>
/// Every <c>&lt;script type="application/ld+json"&gt;</c> a page writes is added to that response's
/// Content-Security-Policy by hash, so structured data never needs 'unsafe-inline'. Other script types are left
/// alone on purpose: executable inline JavaScript must not be allowed automatically.
/// </summary>
[HtmlTargetElement("script", Attributes = "type")]
public sealed class JsonLdTagHelper : TagHelper
{
    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        if (!string.Equals(output.Attributes["type"]?.Value?.ToString(), "application/ld+json", StringComparison.OrdinalIgnoreCase)) return;
        var content = await output.GetChildContentAsync();
        SecurityHeaders.AllowInlineScript(ViewContext.HttpContext.Response, content.GetContent());
    }
}
