using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace RadEquity.Web.Tests.Infrastructure;

/// <summary>
/// The app on Kestrel over HTTPS (a throwaway self-signed certificate for 127.0.0.1), on a fresh SQLite store, for
/// browser tests: its cookies are Secure and antiforgery refuses plain HTTP, as in production.
/// </summary>
public sealed class BrowserApp : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("radequity-browser-").FullName;
    private readonly X509Certificate2 _certificate = CreateCertificate();

    public BrowserApp(int demoPatients, bool configureAdministrator, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Factory = new RadEquityWebFactory(Path.Combine(_folder, "radequity.db"), demoPatients, configureAdministrator);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            Factory.Settings[key] = value;
        }

        Factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(_certificate)));
        Factory.StartServer();
        BaseAddress = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public RadEquityWebFactory Factory { get; }

    /// <summary>The server's address, <c>https://127.0.0.1:PORT</c>.</summary>
    public string BaseAddress { get; }

    /// <summary>A page in a new browser context that trusts this app's certificate.</summary>
    public async Task<IPage> NewPageAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new() { IgnoreHTTPSErrors = true, BaseURL = BaseAddress });
        return await context.NewPageAsync();
    }

    /// <summary>Fills in the real sign-in page and submits it.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Runs axe-core on the page; fails on any serious or critical violation.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")
            .ToList();
        Assert.True(serious.Count == 0, $"axe-core on {page.Url}: " + string.Join("; ", serious));
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        _certificate.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
