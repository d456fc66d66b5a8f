using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;

namespace ReliefMarket.Web.Listings;

/// <summary>
/// An upload over the body limit is cut off before it is read, and the first reader (the antiforgery check) then
/// fails with a bare 400. When the declared length explains that failure, the member is sent back to the page with
/// <c>?tooLarge=true</c>, which says so in their language. Nothing of the body was stored.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadTooLargeAttribute(long limit) : Attribute, IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is IAntiforgeryValidationFailedResult && context.HttpContext.Request.ContentLength > limit)
            context.Result = new RedirectToPageResult(pageName: null, pageHandler: null, routeValues: new { tooLarge = true });
    }

    public void OnResultExecuted(ResultExecutedContext context) { }
}
