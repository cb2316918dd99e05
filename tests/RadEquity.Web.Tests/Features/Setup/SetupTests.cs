using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RadEquity.Data.Model;
using RadEquity.Testing;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Setup;

/// <summary>The first administrator: from configuration on first start, or once through <c>/setup</c>; both stores.</summary>
public abstract class SetupTests(TestStore store) : StoreAppTests(store)
{
    private const string Email = "first@radequity.test";

    [SkippableFact]
    public async Task Setup_NoAdministrator_CreatesOneAndSignsInThenAnswers404()
    {
        SkipUnlessAvailable();
        var app = NewFactory(configureAdministrator: false);
        using var client = app.CreateHttpsClient();
        Assert.Contains("data-testid=\"needs-setup\"", await client.GetStringAsync("/account/sign-in"), StringComparison.Ordinal);

        using var created = await Forms.PostAsync(client, "/setup",
            [new("Input.Email", Email), new("Input.Password", RadEquityWebFactory.Password), new("Input.ConfirmPassword", RadEquityWebFactory.Password)]);

        Assert.Equal("/admin/users", created.Headers.Location?.OriginalString);
        Assert.Contains(Email, await client.GetStringAsync("/admin/users"), StringComparison.Ordinal);
        Assert.Equal([Email], await AdministratorsAsync(app));
        using var again = await client.GetAsync("/setup");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        // A second submission (a valid token from another page) creates nobody.
        using var anonymous = app.CreateHttpsClient();
        using var second = await Forms.PostAsync(anonymous, "/account/sign-in",
            [new("Input.Email", "intruder@radequity.test"), new("Input.Password", RadEquityWebFactory.Password), new("Input.ConfirmPassword", RadEquityWebFactory.Password)],
            action: "/setup");
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal([Email], await AdministratorsAsync(app));
        Assert.DoesNotContain("needs-setup", await anonymous.GetStringAsync("/account/sign-in"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Setup_WeakPassword_ShowsThePolicyAndCreatesNobody()
    {
        SkipUnlessAvailable();
        var app = NewFactory(configureAdministrator: false);
        using var client = app.CreateHttpsClient();

        using var refused = await Forms.PostAsync(client, "/setup",
            [new("Input.Email", Email), new("Input.Password", "alllowercase"), new("Input.ConfirmPassword", "alllowercase")]);

        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("at least one digit", html, StringComparison.Ordinal);
        Assert.Contains("at least one uppercase", html, StringComparison.Ordinal);
        Assert.Empty(await AdministratorsAsync(app));
    }

    [SkippableFact]
    public async Task Setup_ExistingAccountWithoutItsPassword_Refused()
    {
        SkipUnlessAvailable();
        var app = NewFactory(configureAdministrator: false);
        await app.CreateUserAsync(Email, [Roles.Viewer]);
        using var client = app.CreateHttpsClient();

        using var refused = await Forms.PostAsync(client, "/setup",
            [new("Input.Email", Email), new("Input.Password", "Another-Password-99"), new("Input.ConfirmPassword", "Another-Password-99")]);

        Assert.Contains("password does not match", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await AdministratorsAsync(app));
    }

    [SkippableFact]
    public async Task AdminFromConfiguration_FirstStart_CreatesAdministratorAndNoSetupPage()
    {
        SkipUnlessAvailable();
        using var anonymous = Factory.CreateHttpsClient();

        using var setup = await anonymous.GetAsync("/setup");

        Assert.Equal(HttpStatusCode.NotFound, setup.StatusCode);
        Assert.Equal([RadEquityWebFactory.AdminEmail], await AdministratorsAsync(Factory));
        using var admin = await Factory.CreateSignedInClientAsync(RadEquityWebFactory.AdminEmail);
        using var users = await admin.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
    }

    [SkippableFact]
    public async Task AdminFromConfiguration_AdministratorAlreadyExists_CreatesNoOther()
    {
        SkipUnlessAvailable();
        var first = NewFactory(configureAdministrator: false);
        using (var client = first.CreateHttpsClient())
        {
            using var _ = await Forms.PostAsync(client, "/setup",
                [new("Input.Email", Email), new("Input.Password", RadEquityWebFactory.Password), new("Input.ConfirmPassword", RadEquityWebFactory.Password)]);
        }

        // The next start has an administrator in configuration: an administrator exists, so nothing is created.
        Assert.Equal([Email], await AdministratorsAsync(Factory));
        using var scope = Factory.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<RadEquityUser>>().FindByEmailAsync(RadEquityWebFactory.AdminEmail));
    }

    private static async Task<List<string>> AdministratorsAsync(RadEquityWebFactory app)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RadEquityUser>>();
        return [.. (await users.GetUsersInRoleAsync(Roles.Admin)).Select(u => u.Email!)];
    }
}

public sealed class SetupSqliteTests() : SetupTests(TestStore.Sqlite);

[Collection(PostgresTestGroup.Name)]
public sealed class SetupPostgresTests(PostgresTestServer server) : SetupTests(TestStore.Postgres(server));
