using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Home;

/// <summary>The home page in a real browser (Debian's Chromium) against the app on Kestrel and SQLite.</summary>
public sealed class HomePageBrowserTests(ChromiumBrowser chromium) : IClassFixture<ChromiumBrowser>, IAsyncLifetime
{
    private const int DemoPatients = 150;
    private readonly string _folder = Directory.CreateTempSubdirectory("radequity-browser-").FullName;
    private RadEquityWebFactory? _factory;

    public Task InitializeAsync()
    {
        _factory = new RadEquityWebFactory(Path.Combine(_folder, "radequity.db"), DemoPatients);
        _factory.UseKestrel(0);
        _factory.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string BaseAddress => _factory!.Services.GetRequiredService<IServer>()
        .Features.Get<IServerAddressesFeature>()!.Addresses.First();

    [SkippableFact]
    public async Task HomePage_InBrowser_ShowsLoadedCountsAndPassesAxe()
    {
        var browser = chromium.Require();
        var page = await browser.NewPageAsync();

        var response = await page.GotoAsync(BaseAddress + "/");

        Assert.NotNull(response);
        Assert.True(response.Ok, $"GET / returned {response.Status}");
        Assert.Equal("What is loaded", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("150", await page.GetByTestId("patients").InnerTextAsync());
        var patientRow = page.Locator("td[data-type='Patient']");
        Assert.Equal("150", await patientRow.InnerTextAsync());
        Assert.Equal("demo", await page.GetByTestId("last-run").Locator("tr").First.Locator("td").InnerTextAsync());

        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, "axe-core: " + string.Join("; ", serious));
    }
}
