using Microsoft.Playwright;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Coalition;

/// <summary>
/// The hub in Debian's Chromium: a person pledges, opens the link from the mail the SMTP listener received, and finds
/// their name on the wall; every public page passes axe-core in English and in Spanish.
/// </summary>
public sealed class CoalitionBrowserTests(ChromiumBrowser chromium) : IClassFixture<ChromiumBrowser>, IAsyncLifetime
{
    private readonly SmtpListener _smtp = new();
    private BrowserApp? _app;

    public Task InitializeAsync()
    {
        _app = new BrowserApp(demoPatients: 0, configureAdministrator: true, _smtp.Settings);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _smtp.Dispose();
    }

    [SkippableFact]
    public async Task Pledge_FilledInAndConfirmedFromTheMail_NameOnTheWall()
    {
        var browser = chromium.Require();
        var page = await _app!.NewPageAsync(browser);
        const string email = "rosalind.franklin@coalition.test";

        await page.GotoAsync("/coalition/pledge");
        await page.GetByLabel("Your name").FillAsync("Rosalind Franklin");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Your role").SelectOptionAsync("radiologist");
        await page.GetByLabel("Organisation (optional)").FillAsync("Kings Imaging");
        await page.GetByLabel("State").SelectOptionAsync("NY");
        await page.GetByLabel("Practice setting").SelectOptionAsync("academic");
        await page.GetByRole(AriaRole.Group, new() { Name = "I commit to" }).GetByLabel("Offer extended or weekend hours").CheckAsync();
        await page.GetByLabel("My commitment, in my own words (optional)").FillAsync("Evening screening twice a week.");
        await page.GetByLabel("Show my name on the public pledge wall").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Commit to act" }).ClickAsync();
        await page.GetByTestId("pledge-outcome").WaitForAsync();
        await BrowserApp.AssertAccessibleAsync(page);

        var link = Assert.Single(await _smtp.WaitForAsync(email)).Link("/coalition/confirm");
        await page.GotoAsync(link.AbsoluteUri);
        await BrowserApp.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my pledge" }).ClickAsync();
        Assert.Contains("your pledge is confirmed", await page.GetByTestId("link-outcome").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserApp.AssertAccessibleAsync(page);

        var wall = page.GetByRole(AriaRole.Navigation, new() { Name = "Coalition sections" }).GetByRole(AriaRole.Link, new() { Name = "Pledge wall" });
        Assert.Equal("/coalition/pledges", await wall.GetAttributeAsync("href"));
        await page.GotoAsync("/coalition/pledges");
        Assert.Contains("Rosalind Franklin", await page.GetByTestId("wall").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Evening screening twice a week.", await page.GetByTestId("wall").InnerTextAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task EveryPublicPage_EnglishAndSpanish_PassesAxe()
    {
        var browser = chromium.Require();
        var page = await _app!.NewPageAsync(browser);

        foreach (var (language, submit, sendLink) in new[] { ("en", "Commit to act", "Send me the link"), ("es", "Comprometerme a actuar", "Envíenme el enlace") })
        {
            var email = "axe." + language + "@coalition.test";
            await page.GotoAsync("/coalition/pledge?culture=" + language);
            Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
            await BrowserApp.AssertAccessibleAsync(page);

            // The error summary, then a real pledge.
            await page.GetByRole(AriaRole.Button, new() { Name = submit }).ClickAsync();
            await page.GetByTestId("errors").WaitForAsync();
            await BrowserApp.AssertAccessibleAsync(page);
            await page.Locator("#Input_Name").FillAsync("Axe Checker");
            await page.Locator("#Input_Email").FillAsync(email);
            await page.Locator("#Input_Role").SelectOptionAsync("navigator");
            await page.Locator("#Input_State").SelectOptionAsync("NM");
            await page.Locator("#Input_PracticeSetting").SelectOptionAsync("fqhc");
            await page.Locator("#action-language").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = submit }).ClickAsync();
            await page.GetByTestId("pledge-outcome").WaitForAsync();
            await BrowserApp.AssertAccessibleAsync(page);
            var mails = await _smtp.WaitForAsync(email);
            await page.GotoAsync(mails[^1].Link("/coalition/confirm").AbsoluteUri);
            await BrowserApp.AssertAccessibleAsync(page);
            await page.GetByTestId("link-action").ClickAsync();
            await page.GetByTestId("link-outcome").WaitForAsync();
            await BrowserApp.AssertAccessibleAsync(page);
            await page.GotoAsync("/coalition/pledges");
            await BrowserApp.AssertAccessibleAsync(page);

            await page.GotoAsync("/coalition/my-pledge");
            await BrowserApp.AssertAccessibleAsync(page);
            await page.Locator("#Input_Email").FillAsync(email);
            await page.GetByRole(AriaRole.Button, new() { Name = sendLink }).ClickAsync();
            await page.GetByTestId("my-pledge-outcome").WaitForAsync();
            await BrowserApp.AssertAccessibleAsync(page);
            mails = await _smtp.WaitForAsync(email, 2);
            await page.GotoAsync(mails[^1].Link("/coalition/my-pledge/data").AbsoluteUri);
            await page.GetByTestId("my-data").WaitForAsync();
            await BrowserApp.AssertAccessibleAsync(page);

            // Links that cannot be used still make an accessible page.
            await page.GotoAsync("/coalition/unsubscribe?token=broken");
            await page.GetByTestId("link-outcome").WaitForAsync();
            await BrowserApp.AssertAccessibleAsync(page);
            await page.GotoAsync("/coalition/confirm?token=broken");
            await BrowserApp.AssertAccessibleAsync(page);
        }

        // The visible switch goes back to English and keeps the page.
        await page.GotoAsync("/coalition/pledges");
        Assert.Equal("es", await page.GetAttributeAsync("html", "lang"));
        await page.GetByTestId("language-switch").GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await page.WaitForURLAsync("**/coalition/pledges?culture=en");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
    }
}
