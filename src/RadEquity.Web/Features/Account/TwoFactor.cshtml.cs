using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Account;

/// <summary>
/// <c>/account/two-factor</c>: whether TOTP two-factor sign-in is on; turn it off or make new recovery codes (both
/// need the password, so a session left open cannot weaken the account).
/// </summary>
internal sealed class TwoFactorModel(UserManager<RadEquityUser> users, SignInManager<RadEquityUser> signIn) : PageModel
{
    public const int RecoveryCodeCount = 10;

    [BindProperty]
    public string? Password { get; set; }

    public bool Enabled { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>New recovery codes, shown once, right after they were made.</summary>
    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await users.GetUserAsync(User).ConfigureAwait(false) is { } user ? await ShowAsync(user).ConfigureAwait(false) : Challenge();

    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (await ConfirmedUserAsync().ConfigureAwait(false) is not { } user)
        {
            return await RedisplayAsync().ConfigureAwait(false);
        }

        await users.SetTwoFactorEnabledAsync(user, false).ConfigureAwait(false);
        // A new key, so the old app entry (and anyone who copied the key) cannot be used if it is turned on again.
        await users.ResetAuthenticatorKeyAsync(user).ConfigureAwait(false);
        await signIn.RefreshSignInAsync(user).ConfigureAwait(false);
        Message = "Two-factor sign-in is off.";
        return await ShowAsync(user).ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (await ConfirmedUserAsync().ConfigureAwait(false) is not { } user)
        {
            return await RedisplayAsync().ConfigureAwait(false);
        }

        if (!await users.GetTwoFactorEnabledAsync(user).ConfigureAwait(false))
        {
            ModelState.AddModelError(string.Empty, "Turn on two-factor sign-in first.");
            return await ShowAsync(user).ConfigureAwait(false);
        }

        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount).ConfigureAwait(false) ?? []];
        Message = "New recovery codes were made; the old ones no longer work.";
        return await ShowAsync(user).ConfigureAwait(false);
    }

    private async Task<RadEquityUser?> ConfirmedUserAsync()
    {
        var user = await users.GetUserAsync(User).ConfigureAwait(false);
        if (user is null || string.IsNullOrEmpty(Password) || !await users.CheckPasswordAsync(user, Password).ConfigureAwait(false))
        {
            ModelState.AddModelError(string.Empty, "Enter your current password to confirm.");
            return null;
        }

        return user;
    }

    private async Task<IActionResult> RedisplayAsync() =>
        await users.GetUserAsync(User).ConfigureAwait(false) is { } user ? await ShowAsync(user).ConfigureAwait(false) : Challenge();

    private async Task<IActionResult> ShowAsync(RadEquityUser user)
    {
        Password = null;
        Enabled = await users.GetTwoFactorEnabledAsync(user).ConfigureAwait(false);
        RecoveryCodesLeft = Enabled ? await users.CountRecoveryCodesAsync(user).ConfigureAwait(false) : 0;
        return Page();
    }
}
