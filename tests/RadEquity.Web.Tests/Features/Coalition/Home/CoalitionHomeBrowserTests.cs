using Microsoft.Playwright;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Coalition.Home;

/// <summary>
/// The home slice in Debian's Chromium: a person joins and confirms from the mail; home, disparities, join, contact and
/// the staff pages pass axe-core in English and in Spanish, with and without the error summary.
/// </summary>
public sealed class CoalitionHomeBrowserTests(ChromiumBrowser chromium) : IClassFixture<ChromiumBrowser>, IAsyncLifetime
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
    public async Task Join_FilledInAndConfirmedFromTheMail_MemberSignsIn()
    {
        var browser = chromium.Require();
        var page = await _app!.NewPageAsync(browser);
        const string email = "katherine.johnson@coalition.test";

        await page.GotoAsync("/coalition/join?culture=en");
        await page.GetByLabel("Your name").FillAsync("Katherine Johnson");
        await page.GetByLabel("E-mail address", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("Orbit-Calculus-1962");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await page.GetByTestId("join-outcome").WaitForAsync();

        var link = Assert.Single(await _smtp.WaitForAsync(email)).Link("/coalition/join/confirm");
        await page.GotoAsync(link.AbsoluteUri);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my membership" }).ClickAsync();
        Assert.Contains("you are now a member", await page.GetByTestId("link-outcome").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("Orbit-Calculus-1962");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/coalition");
        Assert.Equal(email, await page.GetByTestId("account-link").InnerTextAsync());
    }

    [SkippableFact]
    public async Task PublicAndStaffPages_EnglishAndSpanish_PassAxe()
    {
        var browser = chromium.Require();
        var page = await _app!.NewPageAsync(browser);
        await _app.Factory.CreateUserAsync("staff@coalition.test", [Roles.CoalitionStaff]);

        foreach (var (language, join, contact) in new[] { ("en", "Create my account", "Send the message"), ("es", "Crear mi cuenta", "Enviar el mensaje") })
        {
            await page.GotoAsync("/coalition?culture=" + language);
            Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
            await page.GetByTestId("what-you-can-do").WaitForAsync();
            await BrowserApp.AssertAccessibleAsync(page);

            await page.GotoAsync("/coalition/disparities");
            Assert.Equal(6, await page.GetByTestId("fact").CountAsync());
            await BrowserApp.AssertAccessibleAsync(page);

            await page.GotoAsync("/coalition/join");
            await BrowserApp.AssertAccessibleAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = join }).ClickAsync();
            await page.GetByTestId("errors").First.WaitForAsync();
            await BrowserApp.AssertAccessibleAsync(page);

            await page.GotoAsync("/coalition/contact");
            await BrowserApp.AssertAccessibleAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = contact }).ClickAsync();
            await page.GetByTestId("errors").WaitForAsync();
            await BrowserApp.AssertAccessibleAsync(page);
            await page.Locator("#Input_Name").FillAsync("Axe Checker");
            await page.Locator("#Input_Email").FillAsync("axe." + language + "@coalition.test");
            await page.Locator("#Input_Subject").FillAsync("Accessibility");
            await page.Locator("#Input_Message").FillAsync("Checking the page.");
            await page.GetByRole(AriaRole.Button, new() { Name = contact }).ClickAsync();
            await page.GetByTestId("contact-outcome").WaitForAsync();
            await BrowserApp.AssertAccessibleAsync(page);

            await page.GotoAsync("/coalition/join/confirm?user=nobody&token=broken");
            await BrowserApp.AssertAccessibleAsync(page);
        }

        await BrowserApp.SignInAsync(page, "staff@coalition.test", RadEquityWebFactory.Password);
        await page.WaitForURLAsync("**/coalition");
        foreach (var (language, save) in new[] { ("en", "Save"), ("es", "Guardar") })
        {
            await page.GotoAsync("/coalition/staff?culture=" + language);
            await page.GetByTestId("staff-pages").WaitForAsync();
            await BrowserApp.AssertAccessibleAsync(page);
            await page.GotoAsync("/coalition/staff/organisations");
            await page.GetByRole(AriaRole.Button, new() { Name = save }).ClickAsync();
            await page.GetByTestId("errors").WaitForAsync();
            await BrowserApp.AssertAccessibleAsync(page);
            await page.Locator("#Input_Name").FillAsync("Harbour Radiology Society " + language);
            await page.Locator("#Input_Kind").SelectOptionAsync("society");
            await page.Locator("#Input_Website").FillAsync("https://harbour.example.org");
            await page.Locator("#Input_JoinedOn").FillAsync("2024-03-01");
            await page.GetByRole(AriaRole.Button, new() { Name = save }).ClickAsync();
            await page.GetByTestId("done").WaitForAsync();
            await BrowserApp.AssertAccessibleAsync(page);
            await page.GotoAsync("/coalition/staff/facts");
            await BrowserApp.AssertAccessibleAsync(page);
            await page.GotoAsync("/coalition/staff/messages");
            await page.GetByTestId("contact-message").First.WaitForAsync();
            await BrowserApp.AssertAccessibleAsync(page);
            await page.GotoAsync("/coalition");
            await page.GetByTestId("organisation").First.WaitForAsync();
            await BrowserApp.AssertAccessibleAsync(page);
        }
    }
}
