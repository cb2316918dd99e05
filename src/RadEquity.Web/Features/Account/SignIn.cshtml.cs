using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Setup;

namespace RadEquity.Web.Features.Account;

/// <summary><c>/account/sign-in</c>: e-mail and password; then the two-factor step if the user has it on.</summary>
[AllowAnonymous]
internal sealed class SignInModel(SignInManager<RadEquityUser> signIn, FirstAdministrator firstAdministrator) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>No administrator yet: the page points to <c>/setup</c>.</summary>
    public bool NeedsSetup { get; private set; }

    public async Task OnGetAsync()
    {
        NeedsSetup = !await firstAdministrator.ExistsAsync().ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true)
            .ConfigureAwait(false);
        if (result.Succeeded)
        {
            return LocalRedirect(await ReturnOrLandingAsync(signIn.UserManager, Url, ReturnUrl, Input.Email.Trim()).ConfigureAwait(false));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("SignInTwoFactor", new { ReturnUrl });
        }

        if (result.IsLockedOut)
        {
            return RedirectToPage("LockedOut");
        }

        // The same message for an unknown address and a wrong password: the page does not tell which accounts exist.
        ModelState.AddModelError(string.Empty, "The e-mail address or password is not correct.");
        return Page();
    }

    /// <summary>The return address if it is local, else where the user lands (<see cref="Accounts.LandingAsync"/>).</summary>
    internal static async Task<string> ReturnOrLandingAsync(UserManager<RadEquityUser> users, IUrlHelper url, string? returnUrl, string userName)
    {
        if (url.IsLocalUrl(returnUrl))
        {
            return returnUrl!;
        }

        return await users.FindByNameAsync(userName).ConfigureAwait(false) is { } user
            ? await Accounts.LandingAsync(users, user).ConfigureAwait(false)
            : "/";
    }
}

internal sealed class SignInInput
{
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [Display(Name = "E-mail address")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";
}
