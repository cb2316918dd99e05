using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Admin;

/// <summary>
/// <c>/admin/users/{id}</c>: change a user's roles, lock or unlock the account, set a new password, turn off
/// two-factor sign-in (a lost phone). Each change renews the user's security stamp, which ends their open sessions
/// within a minute. The last active administrator cannot lose the role or be locked.
/// </summary>
[Authorize(Policy = Policies.Administration)]
internal sealed class EditUserModel(UserManager<RadEquityUser> users, SignInManager<RadEquityUser> signIn, TimeProvider time) : PageModel
{
    [BindProperty]
    public List<string> Roles { get; set; } = [];

    [BindProperty]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string? NewPassword { get; set; }

    public RadEquityUser Account { get; private set; } = null!;

    public IReadOnlyList<string> CurrentRoles { get; private set; } = [];

    public bool IsLocked { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id).ConfigureAwait(false) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRolesAsync(string id)
    {
        if (!await LoadAsync(id).ConfigureAwait(false))
        {
            return NotFound();
        }

        var wanted = Roles.Intersect(RadEquity.Web.Features.Access.Roles.All, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        if (!wanted.Contains(RadEquity.Web.Features.Access.Roles.Admin)
            && await Administrators.IsLastActiveAsync(users, Account, time.GetUtcNow()).ConfigureAwait(false))
        {
            return Refuse("This is the last active administrator: the Admin role stays.");
        }

        var removed = await users.RemoveFromRolesAsync(Account, CurrentRoles.Except(wanted)).ConfigureAwait(false);
        var added = removed.Succeeded ? await users.AddToRolesAsync(Account, wanted.Except(CurrentRoles)).ConfigureAwait(false) : removed;
        return await FinishAsync(added, "Roles saved.").ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostLockAsync(string id)
    {
        if (!await LoadAsync(id).ConfigureAwait(false))
        {
            return NotFound();
        }

        if (await Administrators.IsLastActiveAsync(users, Account, time.GetUtcNow()).ConfigureAwait(false))
        {
            return Refuse("This is the last active administrator: it cannot be locked.");
        }

        await users.SetLockoutEnabledAsync(Account, true).ConfigureAwait(false);
        var result = await users.SetLockoutEndDateAsync(Account, DateTimeOffset.MaxValue).ConfigureAwait(false);
        return await FinishAsync(result, "Account locked until it is unlocked here.").ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id)
    {
        if (!await LoadAsync(id).ConfigureAwait(false))
        {
            return NotFound();
        }

        var result = await users.SetLockoutEndDateAsync(Account, null).ConfigureAwait(false);
        if (result.Succeeded)
        {
            result = await users.ResetAccessFailedCountAsync(Account).ConfigureAwait(false);
        }

        return await FinishAsync(result, "Account unlocked.").ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostPasswordAsync(string id)
    {
        if (!await LoadAsync(id).ConfigureAwait(false))
        {
            return NotFound();
        }

        if (string.IsNullOrEmpty(NewPassword))
        {
            return Refuse("Enter the new password.");
        }

        // A reset token, so the password policy applies and the security stamp is renewed as for any reset.
        var token = await users.GeneratePasswordResetTokenAsync(Account).ConfigureAwait(false);
        var result = await users.ResetPasswordAsync(Account, token, NewPassword).ConfigureAwait(false);
        return await FinishAsync(result, "Password set. Give it to the user by a separate channel.").ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync(string id)
    {
        if (!await LoadAsync(id).ConfigureAwait(false))
        {
            return NotFound();
        }

        var result = await users.SetTwoFactorEnabledAsync(Account, false).ConfigureAwait(false);
        if (result.Succeeded)
        {
            result = await users.ResetAuthenticatorKeyAsync(Account).ConfigureAwait(false);
        }

        return await FinishAsync(result, "Two-factor sign-in turned off; the user can set it up again.").ConfigureAwait(false);
    }

    private async Task<bool> LoadAsync(string id)
    {
        if (await users.FindByIdAsync(id).ConfigureAwait(false) is not { } user)
        {
            return false;
        }

        Account = user;
        CurrentRoles = [.. (await users.GetRolesAsync(user).ConfigureAwait(false)).Order(StringComparer.Ordinal)];
        IsLocked = Administrators.IsLocked(user, time.GetUtcNow());
        return true;
    }

    private PageResult Refuse(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        NewPassword = null;
        return Page();
    }

    private async Task<IActionResult> FinishAsync(IdentityResult result, string message)
    {
        NewPassword = null;
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }
        }
        else
        {
            await users.UpdateSecurityStampAsync(Account).ConfigureAwait(false);
            if (users.GetUserId(User) == Account.Id)
            {
                // An administrator changing their own account keeps this session (with the new roles).
                await signIn.RefreshSignInAsync(Account).ConfigureAwait(false);
            }

            Message = message;
        }

        await LoadAsync(Account.Id).ConfigureAwait(false);
        return Page();
    }
}
