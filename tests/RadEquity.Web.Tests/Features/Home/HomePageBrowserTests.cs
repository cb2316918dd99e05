using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Home;

/// <summary>The home page in a real browser (Debian's Chromium) against the app on Kestrel (HTTPS) and SQLite.</summary>
public sealed class HomePageBrowserTests(ChromiumBrowser chromium) : IClassFixture<ChromiumBrowser>, IAsyncLifetime
{
    private const int DemoPatients = 150;
    private BrowserApp? _app;

    public Task InitializeAsync()
    {
        _app = new BrowserApp(DemoPatients, configureAdministrator: true);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task HomePage_InBrowser_ShowsLoadedCountsAndPassesAxe()
    {
        var browser = chromium.Require();
        var page = await _app!.NewPageAsync(browser);

        await BrowserApp.SignInAsync(page, RadEquityWebFactory.AdminEmail, RadEquityWebFactory.Password);

        Assert.EndsWith("/", page.Url, StringComparison.Ordinal);
        Assert.Equal("What is loaded", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("150", await page.GetByTestId("patients").InnerTextAsync());
        var patientRow = page.Locator("td[data-type='Patient']");
        Assert.Equal("150", await patientRow.InnerTextAsync());
        Assert.Equal("demo", await page.GetByTestId("last-run").Locator("tr").First.Locator("td").InnerTextAsync());
        await BrowserApp.AssertAccessibleAsync(page);
    }
}
