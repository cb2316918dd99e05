using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Tests.Infrastructure;

/// <summary>
/// The real web app on a real store (an SQLite file or a PostgreSQL database), with a small demo population
/// loaded on first start exactly as in production. Unless <paramref name="configureAdministrator"/> is false, the
/// first administrator comes from configuration (<see cref="AdminEmail"/>, <see cref="Password"/>).
/// </summary>
public sealed class RadEquityWebFactory(string database, int demoPatients, bool configureAdministrator = true)
    : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@radequity.test";

    /// <summary>The password of every test account: meets the policy (12+ characters, upper, lower, digit).</summary>
    public const string Password = "Harbour-Light-2026";

    /// <summary>HTTPS, because every cookie of the app is Secure and antiforgery refuses plain HTTP.</summary>
    public static readonly Uri BaseAddress = new("https://localhost");

    public string Database { get; } = database;

    public int DemoPatients { get; } = demoPatients;

    /// <summary>The app's work folder (uploads, ZIP tables): this factory's own, deleted with it.</summary>
    public string Files { get; } = Directory.CreateTempSubdirectory("radequity-files-").FullName;

    /// <summary>More configuration (e.g. an SMTP server), applied when the app starts; set before first use.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Replaces services after the app's own (e.g. a fake clock); set before first use.</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("RadEquity:Database", Database);
        builder.UseSetting("RadEquity:Files", Files);
        builder.UseSetting("RadEquity:Demo:Enabled", DemoPatients > 0 ? "true" : "false");
        if (DemoPatients > 0)
        {
            builder.UseSetting("RadEquity:Demo:Patients", DemoPatients.ToString(CultureInfo.InvariantCulture));
        }

        if (configureAdministrator)
        {
            builder.UseSetting("RadEquity:Admin:Email", AdminEmail);
            builder.UseSetting("RadEquity:Admin:Password", Password);
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (TestServices is { } replace)
        {
            builder.ConfigureTestServices(replace);
        }
    }

    /// <summary>A client on <see cref="BaseAddress"/> that keeps cookies and does not follow redirects.</summary>
    public HttpClient CreateHttpsClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = BaseAddress, AllowAutoRedirect = false });

    /// <summary>Creates an account (id = <paramref name="id"/> when given) with <see cref="Password"/> and the roles.</summary>
    public async Task<RadEquityUser> CreateUserAsync(string email, IEnumerable<string> roles, string? id = null)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RadEquityUser>>();
        var user = new RadEquityUser { UserName = email, Email = email, EmailConfirmed = true };
        if (id is not null)
        {
            user.Id = id;
        }

        Succeeded(await users.CreateAsync(user, Password));
        Succeeded(await users.AddToRolesAsync(user, roles));
        return user;
    }

    /// <summary>A new client signed in through the real sign-in page.</summary>
    public async Task<HttpClient> CreateSignedInClientAsync(string email, string password = Password, string landing = "/")
    {
        var client = CreateHttpsClient();
        using var response = await Forms.SignInAsync(client, email, password);
        Assert.True(response.Headers.Location?.OriginalString == landing, $"sign-in as {email} did not succeed: {(int)response.StatusCode} {response.Headers.Location}");
        return client;
    }

    /// <summary>A new user with one role, and a client signed in as that user.</summary>
    public async Task<HttpClient> CreateSignedInClientForRoleAsync(string role)
    {
        var email = role.ToLowerInvariant() + "-" + Guid.NewGuid().ToString("N")[..6] + "@radequity.test";
        await CreateUserAsync(email, [role]);
        return await CreateSignedInClientAsync(email, landing: Roles.Practice.Contains(role) ? "/" : "/coalition");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(Files, recursive: true);
        GC.SuppressFinalize(this);
    }

    private static void Succeeded(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
}
