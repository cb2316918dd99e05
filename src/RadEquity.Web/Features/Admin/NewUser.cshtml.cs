using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Admin;

/// <summary><c>/admin/users/new</c>: an account with an initial password and roles.</summary>
[Authorize(Policy = Policies.Administration)]
internal sealed class NewUserModel(UserManager<RadEquityUser> users, TimeProvider time) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the user's e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [Display(Name = "E-mail address")]
    public string Email { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Enter an initial password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Initial password")]
    public string Password { get; set; } = "";

    [BindProperty]
    public List<string> Roles { get; set; } = [];

    public async Task<IActionResult> OnPostAsync()
    {
        var chosen = Roles.Intersect(RadEquity.Web.Features.Access.Roles.All, StringComparer.Ordinal).ToList();
        if (chosen.Count == 0)
        {
            ModelState.AddModelError(nameof(Roles), "Choose at least one role.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Email.Trim();
        var user = new RadEquityUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = time.GetUtcNow() };
        var result = await users.CreateAsync(user, Password).ConfigureAwait(false);
        if (result.Succeeded)
        {
            result = await users.AddToRolesAsync(user, chosen).ConfigureAwait(false);
        }

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }

            return Page();
        }

        return Redirect("/admin/users/" + user.Id);
    }
}
