using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Account;

/// <summary><c>/account/sign-out</c>: a POST ends the session (a GET only asks, so a link cannot sign anyone out).</summary>
internal sealed class SignOutModel(SignInManager<RadEquityUser> signIn) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync().ConfigureAwait(false);
        return RedirectToPage("SignIn");
    }
}
