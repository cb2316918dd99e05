using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Account;

/// <summary><c>/account/sign-in/recovery-code</c>: the second step with a one-time recovery code instead of the app.</summary>
[AllowAnonymous]
internal sealed class SignInRecoveryCodeModel(SignInManager<RadEquityUser> signIn) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter one of your recovery codes.")]
    [Display(Name = "Recovery code")]
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

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(TwoFactorCodes.NormalizeRecoveryCode(Code)).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return LocalRedirect(await SignInModel.ReturnOrLandingAsync(signIn.UserManager, Url, ReturnUrl, user.UserName!).ConfigureAwait(false));
        }

        if (result.IsLockedOut)
        {
            return RedirectToPage("LockedOut");
        }

        ModelState.AddModelError(string.Empty, "The recovery code is not correct or was already used.");
        return Page();
    }
}
