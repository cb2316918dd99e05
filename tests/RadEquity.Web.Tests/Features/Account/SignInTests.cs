using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RadEquity.Data.Model;
using RadEquity.Testing;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Account;

/// <summary>Sign-in, lockout, password change and TOTP two-factor through the real pages, on both stores.</summary>
public abstract partial class SignInTests(TestStore store) : StoreAppTests(store)
{
    private const string Email = "navigator@radequity.test";

    [SkippableFact]
    public async Task SignIn_CorrectPassword_RedirectsHomeWithSecureSessionCookie()
    {
        SkipUnlessAvailable();
        using var client = Factory.CreateHttpsClient();

        using var response = await Forms.SignInAsync(client, RadEquityWebFactory.AdminEmail, RadEquityWebFactory.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-RadEquity=", StringComparison.Ordinal));
        Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; path=/", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", session, StringComparison.OrdinalIgnoreCase); // a session cookie: nothing persists
        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("What is loaded", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SignIn_WrongPassword_ShowsErrorAndStaysSignedOut()
    {
        SkipUnlessAvailable();
        using var client = Factory.CreateHttpsClient();

        using var response = await Forms.SignInAsync(client, RadEquityWebFactory.AdminEmail, "Wrong-Password-123");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The e-mail address or password is not correct.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/account/sign-in", home.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SignIn_FiveWrongPasswords_LockedOutForFifteenMinutesEvenWithTheRightOne()
    {
        SkipUnlessAvailable();
        await Factory.CreateUserAsync(Email, [Roles.Navigator]);
        using var client = Factory.CreateHttpsClient();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var failed = await Forms.SignInAsync(client, Email, "Wrong-Password-123");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using var fifth = await Forms.SignInAsync(client, Email, "Wrong-Password-123");
        using var right = await Forms.SignInAsync(client, Email, RadEquityWebFactory.Password);

        Assert.Equal("/account/locked-out", fifth.Headers.Location?.OriginalString);
        Assert.Equal("/account/locked-out", right.Headers.Location?.OriginalString);
        var user = await FindUserAsync(Email);
        var remaining = user.LockoutEnd!.Value - DateTimeOffset.UtcNow;
        Assert.InRange(remaining.TotalMinutes, 14, 15.1);
    }

    [SkippableFact]
    public async Task ChangePassword_CurrentAndNew_OnlyTheNewOneSignsIn()
    {
        SkipUnlessAvailable();
        await Factory.CreateUserAsync(Email, [Roles.Navigator]);
        using var client = await Factory.CreateSignedInClientAsync(Email);
        const string NewPassword = "Quiet-River-Stone-9";

        using var changed = await Forms.PostAsync(client, "/account/password",
            [new("Input.CurrentPassword", RadEquityWebFactory.Password), new("Input.NewPassword", NewPassword), new("Input.ConfirmPassword", NewPassword)]);

        Assert.Contains("data-testid=\"password-changed\"", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var old = await Forms.SignInAsync(Factory.CreateHttpsClient(), Email, RadEquityWebFactory.Password);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        using var fresh = await Factory.CreateSignedInClientAsync(Email, NewPassword);
    }

    [SkippableFact]
    public async Task ChangePassword_TooShort_RefusedWithPolicyMessage()
    {
        SkipUnlessAvailable();
        await Factory.CreateUserAsync(Email, [Roles.Navigator]);
        using var client = await Factory.CreateSignedInClientAsync(Email);

        using var refused = await Forms.PostAsync(client, "/account/password",
            [new("Input.CurrentPassword", RadEquityWebFactory.Password), new("Input.NewPassword", "Short-1a"), new("Input.ConfirmPassword", "Short-1a")]);

        Assert.Contains("at least 12 characters", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task TwoFactor_EnabledWithComputedCode_SignInNeedsTheCodeOrARecoveryCode()
    {
        SkipUnlessAvailable();
        await Factory.CreateUserAsync(Email, [Roles.Navigator]);
        using var client = await Factory.CreateSignedInClientAsync(Email);

        using var setupResponse = await client.GetAsync("/account/two-factor/authenticator");
        var setup = await setupResponse.Content.ReadAsStringAsync();
        // The new key renewed the security stamp, so the page renews the session cookie too (or the session would end).
        Assert.Contains(setupResponse.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-RadEquity=", StringComparison.Ordinal));
        var key = AuthenticatorKey().Match(setup).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        Assert.Equal(32, key.Length);
        Assert.Contains($"otpauth://totp/RadEquity:{Uri.EscapeDataString(Email)}?secret={key.ToUpperInvariant()}&amp;issuer=RadEquity", setup, StringComparison.Ordinal);
        Assert.Contains("<svg", setup, StringComparison.Ordinal);
        using var enabled = await Forms.PostAsync(client, "/account/two-factor/authenticator", [new("Code", Totp.Code(key, DateTimeOffset.UtcNow))]);
        var enabledHtml = await enabled.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"two-factor-on\"", enabledHtml, StringComparison.Ordinal);
        var recoveryCodes = RecoveryCode().Matches(enabledHtml).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, recoveryCodes.Count);

        // The password alone now leads to the second step, not in.
        using var second = Factory.CreateHttpsClient();
        using var password = await Forms.SignInAsync(second, Email, RadEquityWebFactory.Password);
        Assert.Equal("/account/sign-in/two-factor", password.Headers.Location?.OriginalString);
        using var notYet = await second.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, notYet.StatusCode);
        using var wrong = await Forms.PostAsync(second, "/account/sign-in/two-factor", [new("Code", "12345")]);
        Assert.Contains("The code is not correct", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The next step's code: a code is not accepted twice within its window by every app, so do not rely on it.
        using var code = await Forms.PostAsync(second, "/account/sign-in/two-factor", [new("Code", Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)))]);
        Assert.Equal("/", code.Headers.Location?.OriginalString);
        using var home = await second.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);

        // A recovery code works once.
        using var third = Factory.CreateHttpsClient();
        using var _ = await Forms.SignInAsync(third, Email, RadEquityWebFactory.Password);
        using var recovered = await Forms.PostAsync(third, "/account/sign-in/recovery-code", [new("Code", recoveryCodes[0])]);
        Assert.Equal("/", recovered.Headers.Location?.OriginalString);
        using var fourth = Factory.CreateHttpsClient();
        using var __ = await Forms.SignInAsync(fourth, Email, RadEquityWebFactory.Password);
        using var reused = await Forms.PostAsync(fourth, "/account/sign-in/recovery-code", [new("Code", recoveryCodes[0])]);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RadEquityUser>>();
        Assert.Equal(9, await users.CountRecoveryCodesAsync((await users.FindByEmailAsync(Email))!));
    }

    [SkippableFact]
    public async Task TwoFactor_WrongCodes_CountTowardsLockout()
    {
        SkipUnlessAvailable();
        await Factory.CreateUserAsync(Email, [Roles.Navigator]);
        using (var scope = Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<RadEquityUser>>();
            var user = (await users.FindByEmailAsync(Email))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        using var client = Factory.CreateHttpsClient();
        using var _ = await Forms.SignInAsync(client, Email, RadEquityWebFactory.Password);
        HttpResponseMessage? last = null;
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            last?.Dispose();
            last = await Forms.PostAsync(client, "/account/sign-in/two-factor", [new("Code", "99999")]);
        }

        Assert.Equal("/account/locked-out", last!.Headers.Location?.OriginalString);
        last.Dispose();
    }

    private async Task<RadEquityUser> FindUserAsync(string email)
    {
        using var scope = Factory.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<RadEquityUser>>().FindByEmailAsync(email))!;
    }

    [GeneratedRegex("data-testid=\"authenticator-key\">([a-z2-7 ]+)<")]
    private static partial Regex AuthenticatorKey();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryCode();
}

public sealed class SignInSqliteTests() : SignInTests(TestStore.Sqlite);

[Collection(PostgresTestGroup.Name)]
public sealed class SignInPostgresTests(PostgresTestServer server) : SignInTests(TestStore.Postgres(server));
