using Microsoft.Playwright;

namespace RadEquity.Web.Tests.Infrastructure;

/// <summary>
/// Base of the browser tests: for each test, the app on Kestrel (HTTPS, a fresh SQLite store with a demo population of
/// <paramref name="demoPatients"/>, the administrator from configuration), driven by Debian's Chromium.
/// </summary>
public abstract class BrowserTests(ChromiumBrowser chromium, int demoPatients) : IClassFixture<ChromiumBrowser>, IAsyncLifetime
{
    private BrowserApp? _app;

    protected BrowserApp App => _app ?? throw new InvalidOperationException("The app starts in InitializeAsync.");

    public Task InitializeAsync()
    {
        _app = new BrowserApp(demoPatients, configureAdministrator: true);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>A new page, signed in as the administrator (skips the test when Chromium is absent, outside CI).</summary>
    protected async Task<IPage> SignedInPageAsync()
    {
        var page = await App.NewPageAsync(chromium.Require());
        await BrowserApp.SignInAsync(page, RadEquityWebFactory.AdminEmail, RadEquityWebFactory.Password);
        return page;
    }
}
