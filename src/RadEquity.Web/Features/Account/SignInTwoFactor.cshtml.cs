using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Account;

/// <summary>
/// <c>/account/sign-in/two-factor</c>: the second step, a code from the authenticator app. Only reachable after a
/// correct password (Identity's two-factor cookie); failed codes count towards the lockout like failed passwords.
/// </summary>
[AllowAnonymous]
internal sealed class SignInTwoFactorModel(SignInManager<RadEquityUser> signIn) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the code from your authenticator app.")]
    [Display(Name = "Authenticator code")]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync().ConfigureAwait(false) is null ? RedirectToPage("SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync().ConfigureAwait(false) is not { } user)
        {
            return RedirectToPage("SignIn");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var code = TwoFactorCodes.NormalizeAuthenticatorCode(Code);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return LocalRedirect(await SignInModel.ReturnOrLandingAsync(signIn.UserManager, Url, ReturnUrl, user.UserName!).ConfigureAwait(false));
        }

        if (result.IsLockedOut)
        {
            return RedirectToPage("LockedOut");
        }

        ModelState.AddModelError(string.Empty, "The code is not correct or has expired.");
        return Page();
    }
}
