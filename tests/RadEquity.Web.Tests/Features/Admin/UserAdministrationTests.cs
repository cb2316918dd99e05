using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RadEquity.Data.Model;
using RadEquity.Testing;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Admin;

/// <summary>User administration through the admin pages, on both stores.</summary>
public abstract class UserAdministrationTests(TestStore store) : StoreAppTests(store)
{
    private const string Email = "new.analyst@radequity.test";

    [SkippableFact]
    public async Task NewUser_WithRoles_SignsInWithThoseRoles()
    {
        SkipUnlessAvailable();
        using var admin = await Factory.CreateSignedInClientAsync(RadEquityWebFactory.AdminEmail);

        using var created = await Forms.PostAsync(admin, "/admin/users/new",
            [new("Email", Email), new("Password", RadEquityWebFactory.Password), new("Roles", Roles.Analyst), new("Roles", Roles.Navigator)]);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.StartsWith("/admin/users/", created.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains(Email, await admin.GetStringAsync("/admin/users"), StringComparison.Ordinal);
        using var user = await Factory.CreateSignedInClientAsync(Email);
        Assert.Contains("data-testid=\"roles\">Analyst, Navigator<", await user.GetStringAsync("/account"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task NewUser_NoRole_Refused()
    {
        SkipUnlessAvailable();
        using var admin = await Factory.CreateSignedInClientAsync(RadEquityWebFactory.AdminEmail);

        using var refused = await Forms.PostAsync(admin, "/admin/users/new", [new("Email", Email), new("Password", RadEquityWebFactory.Password)]);

        Assert.Contains("Choose at least one role.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await FindAsync(Email));
    }

    [SkippableFact]
    public async Task Roles_ViewerMadeAnalyst_RolesReplaced()
    {
        SkipUnlessAvailable();
        var user = await Factory.CreateUserAsync(Email, [Roles.Viewer]);
        using var admin = await Factory.CreateSignedInClientAsync(RadEquityWebFactory.AdminEmail);

        using var saved = await PostToUserAsync(admin, user.Id, "Roles", [new("Roles", Roles.Analyst)]);

        Assert.Contains("data-testid=\"roles\">Analyst<", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal([Roles.Analyst], await RolesAsync(Email));
    }

    [SkippableFact]
    public async Task Lock_ThenUnlock_SignInRefusedThenAllowed()
    {
        SkipUnlessAvailable();
        var user = await Factory.CreateUserAsync(Email, [Roles.Viewer]);
        using var admin = await Factory.CreateSignedInClientAsync(RadEquityWebFactory.AdminEmail);

        using var locked = await PostToUserAsync(admin, user.Id, "Lock", []);
        using var lockedSignIn = await Forms.SignInAsync(Factory.CreateHttpsClient(), Email, RadEquityWebFactory.Password);
        using var unlocked = await PostToUserAsync(admin, user.Id, "Unlock", []);

        Assert.Contains("data-testid=\"state\">locked<", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/account/locked-out", lockedSignIn.Headers.Location?.OriginalString);
        Assert.Contains("data-testid=\"state\">active<", await unlocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var signedIn = await Factory.CreateSignedInClientAsync(Email);
    }

    [SkippableFact]
    public async Task ResetPassword_NewPasswordSignsIn_OldDoesNot()
    {
        SkipUnlessAvailable();
        var user = await Factory.CreateUserAsync(Email, [Roles.Viewer]);
        using var admin = await Factory.CreateSignedInClientAsync(RadEquityWebFactory.AdminEmail);
        const string NewPassword = "Granite-Meadow-77";

        using var reset = await PostToUserAsync(admin, user.Id, "Password", [new("NewPassword", NewPassword)]);

        Assert.Contains("Password set.", await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var old = await Forms.SignInAsync(Factory.CreateHttpsClient(), Email, RadEquityWebFactory.Password);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        using var signedIn = await Factory.CreateSignedInClientAsync(Email, NewPassword);
    }

    [SkippableFact]
    public async Task LastAdministrator_LockOrLoseAdminRole_Refused()
    {
        SkipUnlessAvailable();
        using var admin = await Factory.CreateSignedInClientAsync(RadEquityWebFactory.AdminEmail);
        var self = (await FindAsync(RadEquityWebFactory.AdminEmail))!;

        using var lockSelf = await PostToUserAsync(admin, self.Id, "Lock", []);
        using var demote = await PostToUserAsync(admin, self.Id, "Roles", [new("Roles", Roles.Viewer)]);

        Assert.Contains("last active administrator", await lockSelf.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("last active administrator", await demote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal([Roles.Admin], await RolesAsync(RadEquityWebFactory.AdminEmail));
        Assert.Null((await FindAsync(RadEquityWebFactory.AdminEmail))!.LockoutEnd);
    }

    private static Task<HttpResponseMessage> PostToUserAsync(HttpClient admin, string id, string handler, KeyValuePair<string, string>[] fields) =>
        Forms.PostAsync(admin, "/admin/users/" + id, fields, action: $"/admin/users/{id}?handler={handler}");

    private async Task<RadEquityUser?> FindAsync(string email)
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<RadEquityUser>>().FindByEmailAsync(email);
    }

    private async Task<List<string>> RolesAsync(string email)
    {
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RadEquityUser>>();
        return [.. await users.GetRolesAsync((await users.FindByEmailAsync(email))!)];
    }
}

public sealed class UserAdministrationSqliteTests() : UserAdministrationTests(TestStore.Sqlite);

[Collection(PostgresTestGroup.Name)]
public sealed class UserAdministrationPostgresTests(PostgresTestServer server) : UserAdministrationTests(TestStore.Postgres(server));
