using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Home;

/// <summary>The home page in a real browser (Debian's Chromium) against the app on Kestrel (HTTPS) and SQLite.</summary>
public sealed class HomePageBrowserTests(ChromiumBrowser chromium) : BrowserTests(chromium, DemoPatients)
{
    private const int DemoPatients = 150;

    [SkippableFact]
    public async Task HomePage_InBrowser_ShowsLoadedCountsAndPassesAxe()
    {
        var page = await SignedInPageAsync();

        Assert.EndsWith("/", page.Url, StringComparison.Ordinal);
        Assert.Equal("What is loaded", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("150", await page.GetByTestId("patients").InnerTextAsync());
        var patientRow = page.Locator("td[data-type='Patient']");
        Assert.Equal("150", await patientRow.InnerTextAsync());
        Assert.Equal("demo", await page.GetByTestId("last-run").Locator("tr").First.Locator("td").InnerTextAsync());
        await BrowserApp.AssertAccessibleAsync(page);
    }
}
