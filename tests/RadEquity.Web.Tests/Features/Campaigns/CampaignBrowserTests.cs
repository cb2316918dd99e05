using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Campaigns;

/// <summary>An analyst's campaign in Debian's Chromium: the count before sending, creation, a batch sent, the funnel; every
/// campaign page passes axe.</summary>
public sealed class CampaignBrowserTests(ChromiumBrowser chromium) : BrowserTests(chromium, DemoPatients)
{
    private const int DemoPatients = 300;

    [SkippableFact]
    public async Task Campaign_PreviewCreateSendBatch_ShowsCountBatchAndFunnel()
    {
        var page = await SignedInPageAsync();

        await page.GotoAsync("/campaigns/new");
        await BrowserApp.AssertAccessibleAsync(page);
        await page.GetByLabel("Name").FillAsync("Mammograms, letters");
        await page.GetByLabel("Gap").SelectOptionAsync("cms125");
        await page.Locator("#channel").SelectOptionAsync("Letter");
        await page.GetByLabel("Batch size").FillAsync("5");
        await page.GetByTestId("preview").ClickAsync();
        var count = await page.GetByTestId("count").InnerTextAsync();
        Assert.Matches("^[1-9][0-9]* patients match\\.$", count);
        await BrowserApp.AssertAccessibleAsync(page);

        await page.GetByTestId("create").ClickAsync();
        Assert.Matches("/campaigns/[0-9]+$", page.Url);
        var members = int.Parse(count.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith($"{members}\t0\t", await page.GetByTestId("funnel").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserApp.AssertAccessibleAsync(page);

        await page.GetByTestId("send-batch").ClickAsync();
        Assert.StartsWith("Batch 1:", await page.GetByTestId("message").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.GetByTestId("batch").CountAsync());
        var batch = (await page.GetByTestId("batch").InnerTextAsync()).Split('\t');
        Assert.Equal(["1", Math.Min(5, members).ToString(System.Globalization.CultureInfo.InvariantCulture)], batch[..2]);
        var funnel = (await page.GetByTestId("funnel").InnerTextAsync()).Split('\t');
        Assert.Equal(batch[2], funnel[1]);
        await BrowserApp.AssertAccessibleAsync(page);

        await page.GotoAsync("/campaigns");
        Assert.Equal(1, await page.GetByTestId("campaign").CountAsync());
        await BrowserApp.AssertAccessibleAsync(page);
    }
}
