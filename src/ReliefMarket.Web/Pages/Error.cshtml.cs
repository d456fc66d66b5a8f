using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ReliefMarket.Web.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public bool IsNotFound { get; private set; }

    public void OnGet(int? code) => IsNotFound = code == StatusCodes.Status404NotFound;

    public void OnPost(int? code) => OnGet(code);
}
