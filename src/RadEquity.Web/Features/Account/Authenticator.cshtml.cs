using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Account;

/// <summary>
/// <c>/account/two-factor/authenticator</c>: turn on TOTP two-factor sign-in. Shows the key (text, <c>otpauth:</c>
/// URI and QR code); a correct code from the app turns it on and shows the recovery codes once.
/// </summary>
internal sealed class AuthenticatorModel(UserManager<RadEquityUser> users, SignInManager<RadEquityUser> signIn) : PageModel
{
    public const string Issuer = "RadEquity";

    [BindProperty]
    [Required(ErrorMessage = "Enter the code that your app shows.")]
    [Display(Name = "Code from the app")]
    public string Code { get; set; } = "";

    public bool AlreadyEnabled { get; private set; }

    /// <summary>The key in groups of four, for typing into an app.</summary>
    public string Key { get; private set; } = "";

    public string AuthenticatorUri { get; private set; } = "";

    /// <summary>The URI as an SVG QR code.</summary>
    public string QrCodeSvg { get; private set; } = "";

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User).ConfigureAwait(false) is not { } user)
        {
            return Challenge();
        }

        AlreadyEnabled = await users.GetTwoFactorEnabledAsync(user).ConfigureAwait(false);
        if (!AlreadyEnabled)
        {
            await LoadKeyAsync(user).ConfigureAwait(false);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User).ConfigureAwait(false) is not { } user)
        {
            return Challenge();
        }

        if (!ModelState.IsValid)
        {
            await LoadKeyAsync(user).ConfigureAwait(false);
            return Page();
        }

        var valid = await users.VerifyTwoFactorTokenAsync(
            user, users.Options.Tokens.AuthenticatorTokenProvider, TwoFactorCodes.NormalizeAuthenticatorCode(Code)).ConfigureAwait(false);
        if (!valid)
        {
            ModelState.AddModelError(string.Empty, "The code is not correct. Check the time on your device and try the next code.");
            await LoadKeyAsync(user).ConfigureAwait(false);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true).ConfigureAwait(false);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorModel.RecoveryCodeCount).ConfigureAwait(false) ?? []];
        await signIn.RefreshSignInAsync(user).ConfigureAwait(false);
        AlreadyEnabled = true;
        return Page();
    }

    private async Task LoadKeyAsync(RadEquityUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user).ConfigureAwait(false);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user).ConfigureAwait(false);
            key = await users.GetAuthenticatorKeyAsync(user).ConfigureAwait(false) ?? "";
            // A new key renews the security stamp; without a new cookie the session would end at its next check.
            await signIn.RefreshSignInAsync(user).ConfigureAwait(false);
        }

        Key = string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        AuthenticatorUri = OtpAuthUri(Issuer, user.Email ?? user.UserName ?? "", key);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(AuthenticatorUri, QRCodeGenerator.ECCLevel.M);
        QrCodeSvg = new SvgQRCode(data).GetGraphic(4);
    }

    /// <summary>The Key URI Format read by authenticator apps: <c>otpauth://totp/Issuer:account?secret=...</c>.</summary>
    internal static string OtpAuthUri(string issuer, string account, string key) => string.Create(
        CultureInfo.InvariantCulture,
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6");
}
