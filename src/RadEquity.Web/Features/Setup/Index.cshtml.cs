using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Setup;

/// <summary>
/// <c>/setup</c>: creates the first administrator, once. While no administrator exists anyone who reaches the app
/// can use it (configure <c>RadEquity:Admin</c> instead on a server others can reach before it is set up); as soon as
/// one exists the page answers 404.
/// </summary>
[AllowAnonymous]
internal sealed class IndexModel(FirstAdministrator firstAdministrator, SignInManager<RadEquityUser> signIn) : PageModel
{
    [BindProperty]
    public SetupInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() =>
        await firstAdministrator.ExistsAsync().ConfigureAwait(false) ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await firstAdministrator.ExistsAsync().ConfigureAwait(false))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email.Trim();
        var result = await firstAdministrator.CreateAsync(email, Input.Password, cancellationToken).ConfigureAwait(false);
        if (result is null)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }

            return Page();
        }

        var signedIn = await signIn.PasswordSignInAsync(email, Input.Password, isPersistent: false, lockoutOnFailure: true).ConfigureAwait(false);
        return signedIn.Succeeded ? Redirect("/admin/users") : RedirectToPage("/Account/SignIn");
    }
}

internal sealed class SetupInput
{
    [Required(ErrorMessage = "Enter the administrator's e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [Display(Name = "E-mail address")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter a password.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Repeat the password.")]
    [DataType(DataType.Password)]
    [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
    [Display(Name = "Password again")]
    public string ConfirmPassword { get; set; } = "";
}
