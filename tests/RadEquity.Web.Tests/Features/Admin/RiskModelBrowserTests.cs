using Microsoft.Playwright;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Admin;

/// <summary>The risk-model pages in Debian's Chromium with axe-core: the list, a trained version's report, switching it on.
/// (The every-page test has no trained model, so it cannot show a report.)</summary>
public sealed class RiskModelBrowserTests(ChromiumBrowser chromium) : IClassFixture<ChromiumBrowser>, IAsyncLifetime
{
    private BrowserApp? _app;

    public Task InitializeAsync()
    {
        _app = new BrowserApp(demoPatients: 3000, configureAdministrator: true);
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
    public async Task TrainedVersion_ReportAndSwitchOn_Accessible()
    {
        var browser = chromium.Require();
        var page = await _app!.NewPageAsync(browser);
        await BrowserApp.SignInAsync(page, RadEquityWebFactory.AdminEmail, RadEquityWebFactory.Password);
        await page.GotoAsync("/admin/risk");
        await BrowserApp.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Train" }).ClickAsync();
        var deadline = DateTime.UtcNow.AddMinutes(4);
        do
        {
            await Task.Delay(1000);
            await page.GotoAsync("/admin/risk");
        }
        while (await page.Locator("[data-version='1']").CountAsync() == 0 && DateTime.UtcNow < deadline);

        Assert.Equal(1, await page.Locator("[data-version='1']").CountAsync());
        await page.GotoAsync("/admin/risk/1");
        Assert.True(await page.GetByTestId("report").IsVisibleAsync());
        await BrowserApp.AssertAccessibleAsync(page);

        await page.GotoAsync("/admin/risk");
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch on version 1" }).ClickAsync();
        Assert.True(await page.GetByTestId("active").IsVisibleAsync());
        await BrowserApp.AssertAccessibleAsync(page);
    }
}
