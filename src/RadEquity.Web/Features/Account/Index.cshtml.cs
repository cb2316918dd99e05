using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Account;

/// <summary><c>/account</c>: the signed-in user's account: roles, password, two-factor.</summary>
internal sealed class IndexModel(UserManager<RadEquityUser> users) : PageModel
{
    public string Email { get; private set; } = "";

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public bool TwoFactorEnabled { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User).ConfigureAwait(false) is not { } user)
        {
            return Challenge();
        }

        Email = user.Email ?? "";
        Roles = [.. (await users.GetRolesAsync(user).ConfigureAwait(false)).Order(StringComparer.Ordinal)];
        TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(user).ConfigureAwait(false);
        return Page();
    }
}
