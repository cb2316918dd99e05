using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Dashboard;

/// <summary>The dashboard in Debian's Chromium: home → overview → a measure page, each passing axe.</summary>
public sealed class DashboardBrowserTests(ChromiumBrowser chromium) : BrowserTests(chromium, DemoPatients)
{
    private const int DemoPatients = 300;

    [SkippableFact]
    public async Task OverviewThenMeasure_InBrowser_ShowsChartsAndPassesAxe()
    {
        var page = await SignedInPageAsync();

        await page.GetByTestId("dashboard-link").ClickAsync();
        Assert.Equal("Equity dashboard", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(8, await page.Locator("tr[data-measure]").CountAsync());
        await BrowserApp.AssertAccessibleAsync(page);

        await page.Locator("tr[data-measure='cms125'] a").ClickAsync();
        Assert.EndsWith("/dashboard/measures/cms125", page.Url, StringComparison.Ordinal);
        Assert.True(await page.Locator("svg.rate-chart title").CountAsync() >= 7);
        Assert.Equal(2, await page.Locator("table.heat").CountAsync());
        await BrowserApp.AssertAccessibleAsync(page);

        await page.Locator("#ref-payer").SelectOptionAsync("Medicare");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        Assert.Contains("ref-payer=Medicare", page.Url, StringComparison.Ordinal);
        Assert.Contains("Reference group: Medicare.", await page.Locator("section[data-stratifier='payer'] p.note").First.InnerTextAsync(), StringComparison.Ordinal);
    }
}
