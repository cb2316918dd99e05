using Microsoft.Playwright;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Coalition.Community;

/// <summary>
/// The community in Debian's Chromium: members sign in and discuss; a member passes a post-test, opens the certificate,
/// and a visitor verifies its code. axe-core on every page visited; the public ones in English and Spanish.
/// </summary>
public sealed class CommunityBrowserTests(ChromiumBrowser chromium) : IClassFixture<ChromiumBrowser>, IAsyncLifetime
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
    public async Task Discussion_MemberStartsTopicAnotherReplies_ThreadShowsBoth()
    {
        var browser = chromium.Require();
        var starter = await MemberPageAsync(browser, "starter@coalition.test", "/coalition/discussion");
        await BrowserApp.AssertAccessibleAsync(starter);
        await starter.GetByTestId("new-topic").ClickAsync();
        await starter.WaitForURLAsync("**/coalition/discussion/new");
        await starter.GetByRole(AriaRole.Button, new() { Name = "Post topic" }).ClickAsync();
        await starter.GetByTestId("errors").WaitForAsync();
        await BrowserApp.AssertAccessibleAsync(starter);
        await starter.GetByLabel("Title").FillAsync("Saturday screening days");
        await starter.GetByLabel("Message").FillAsync("We opened on **Saturdays**. Anyone else?");
        await starter.GetByRole(AriaRole.Button, new() { Name = "Post topic" }).ClickAsync();
        await starter.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/coalition/discussion/\\d+$"));
        Assert.Contains("Saturdays", await starter.GetByTestId("topic-body").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserApp.AssertAccessibleAsync(starter);
        var thread = new Uri(starter.Url).AbsolutePath;

        var replier = await MemberPageAsync(browser, "replier@coalition.test", thread);
        await replier.GetByLabel("Your reply").FillAsync("We do evenings instead.");
        await replier.GetByRole(AriaRole.Button, new() { Name = "Post reply" }).ClickAsync();
        await replier.GetByTestId("reply").First.WaitForAsync();
        await BrowserApp.AssertAccessibleAsync(replier);
        await replier.GetByTestId("reply-to").First.ClickAsync();
        await replier.GetByLabel("Your reply").FillAsync("Tuesdays and Thursdays.");
        await replier.GetByRole(AriaRole.Button, new() { Name = "Post reply" }).ClickAsync();
        await replier.Locator("[data-testid=reply][data-depth='1']").WaitForAsync();

        await starter.ReloadAsync();
        var replies = await starter.GetByTestId("replies").InnerTextAsync();
        Assert.Contains("We do evenings instead.", replies, StringComparison.Ordinal);
        Assert.Contains("Tuesdays and Thursdays.", replies, StringComparison.Ordinal);
        Assert.Contains("in reply to replier", replies, StringComparison.Ordinal);
        // The starter followed by default (the box was ticked): one e-mail per reply; the replier, who did not, none.
        var mails = await _smtp.WaitForAsync("starter@coalition.test", 2);
        Assert.Equal(2, mails.Count);
        Assert.All(mails, m => Assert.Equal("New reply: Saturday screening days", m.Message.Subject));
        await starter.GotoAsync("/coalition/discussion");
        Assert.Contains("Saturday screening days", await starter.GetByTestId("topics").InnerTextAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task PostTest_MemberPassesAndOpensCertificate_VisitorVerifiesCode()
    {
        var browser = chromium.Require();
        var member = await MemberPageAsync(browser, "learner@coalition.test", "/coalition/webinars");
        await BrowserApp.AssertAccessibleAsync(member);
        await member.GetByRole(AriaRole.Link, new() { Name = "Demo: Talking with patients about follow-up imaging" }).ClickAsync();
        await member.GetByTestId("take-test").ClickAsync();
        await member.GetByTestId("test-form").WaitForAsync();
        await BrowserApp.AssertAccessibleAsync(member);

        // First a wrong answer: told the score, may retry.
        await member.GetByRole(AriaRole.Group, new() { Name = "1. In this demo, which language should the conversation be in?" }).GetByLabel("Always English").CheckAsync();
        await member.GetByRole(AriaRole.Group, new() { Name = "2. Which of these is offered in the demo as a help to attend?" }).GetByLabel("A longer form to fill in").CheckAsync();
        await member.GetByLabel("Your name as it should appear on the certificate").FillAsync("Mary Learner");
        await member.GetByRole(AriaRole.Button, new() { Name = "Submit answers" }).ClickAsync();
        Assert.Contains("You scored 0%", await member.GetByTestId("test-result").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserApp.AssertAccessibleAsync(member);

        await member.GetByLabel("The patient's preferred language").CheckAsync();
        await member.GetByLabel("Evening or weekend hours").CheckAsync();
        await member.GetByRole(AriaRole.Button, new() { Name = "Submit answers" }).ClickAsync();
        Assert.Contains("You passed with 100%", await member.GetByTestId("test-result").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserApp.AssertAccessibleAsync(member);
        await member.GetByTestId("certificate-link").ClickAsync();
        await member.GetByTestId("certificate").WaitForAsync();
        await BrowserApp.AssertAccessibleAsync(member);
        var code = await member.GetByTestId("certificate-code").InnerTextAsync();
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", code);
        await member.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await member.Locator(".coalition-nav").IsVisibleAsync());
        await member.EmulateMediaAsync(new() { Media = Media.Screen });
        await member.GotoAsync("/coalition/transcript");
        Assert.Equal("0.5", await member.GetByTestId("total-hours").InnerTextAsync());
        await BrowserApp.AssertAccessibleAsync(member);

        var visitor = await _app!.NewPageAsync(browser);
        await visitor.GotoAsync("/coalition/certificates/verify");
        await BrowserApp.AssertAccessibleAsync(visitor);
        await visitor.GetByLabel("Verification code").FillAsync(code.ToLowerInvariant());
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Check the code" }).ClickAsync();
        var outcome = await visitor.GetByTestId("verify-outcome").InnerTextAsync();
        Assert.Contains("Valid certificate.", outcome, StringComparison.Ordinal);
        Assert.Contains("Mary Learner", outcome, StringComparison.Ordinal);
        await BrowserApp.AssertAccessibleAsync(visitor);
    }

    [SkippableFact]
    public async Task Staff_AddsWebinarWithPostTestAndPinsTopic_PagesPassAxe()
    {
        var browser = chromium.Require();
        var staff = await MemberPageAsync(browser, "staff@coalition.test", "/coalition/staff/webinars", Roles.CoalitionStaff);
        await BrowserApp.AssertAccessibleAsync(staff);
        await staff.GetByTestId("new-webinar").ClickAsync();
        await staff.GetByTestId("webinar-form").WaitForAsync();
        await BrowserApp.AssertAccessibleAsync(staff);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Save webinar" }).ClickAsync();
        await staff.GetByTestId("errors").WaitForAsync();
        await BrowserApp.AssertAccessibleAsync(staff);

        await staff.Locator("#Input_Title").FillAsync("Staff-made webinar");
        await staff.Locator("#Input_Description").FillAsync("What the *recording* covers.");
        await staff.Locator("#Input_Presenters").FillAsync("A. Presenter");
        await staff.Locator("#Input_HeldOn").FillAsync("2026-10-01");
        await staff.Locator("#Input_CreditHours").FillAsync("1.5");
        await staff.Locator("#Input_VideoUrl").FillAsync("https://youtu.be/dQw4w9WgXcQ");
        await staff.Locator("#Input_Questions_0__Text").FillAsync("Pick the second");
        await staff.Locator("#option-0-0").FillAsync("First");
        await staff.Locator("#option-0-1").FillAsync("Second");
        await staff.Locator("#correct-0-1").CheckAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "Add a question" }).ClickAsync();
        await staff.Locator("#Input_Questions_1__Text").WaitForAsync();
        Assert.Equal("Pick the second", await staff.Locator("#Input_Questions_0__Text").InputValueAsync());
        await staff.GetByRole(AriaRole.Button, new() { Name = "Save webinar" }).ClickAsync();
        await staff.GetByTestId("webinar").WaitForAsync();
        Assert.Equal("Recording: Staff-made webinar", await staff.Locator("iframe").GetAttributeAsync("title"));
        Assert.Equal("1.5", await staff.GetByTestId("credit-hours").InnerTextAsync());
        await BrowserApp.AssertAccessibleAsync(staff);

        await staff.GotoAsync("/coalition/discussion/new");
        await staff.GetByLabel("Title").FillAsync("House rules");
        await staff.GetByLabel("Message").FillAsync("Be kind.");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Post topic" }).ClickAsync();
        await staff.GetByTestId("moderation").WaitForAsync();
        await BrowserApp.AssertAccessibleAsync(staff);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Pin topic" }).ClickAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "Unpin topic" }).WaitForAsync();
        await staff.GotoAsync("/coalition/discussion");
        await staff.GetByTestId("pinned").WaitForAsync();
        await BrowserApp.AssertAccessibleAsync(staff);
    }

    [SkippableFact]
    public async Task PublicPages_EnglishAndSpanish_PassAxe()
    {
        var browser = chromium.Require();
        var page = await _app!.NewPageAsync(browser);
        foreach (var language in new[] { "en", "es" })
        {
            await page.GotoAsync("/coalition/webinars?culture=" + language);
            Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
            await BrowserApp.AssertAccessibleAsync(page);
            await page.Locator("[data-testid=webinars] a").First.ClickAsync();
            await page.GetByTestId("webinar").WaitForAsync();
            await BrowserApp.AssertAccessibleAsync(page);
            await page.GotoAsync("/coalition/certificates/verify");
            await BrowserApp.AssertAccessibleAsync(page);
            await page.GotoAsync("/coalition/certificates/verify?code=0000-0000-0000");
            await page.GetByTestId("verify-outcome").WaitForAsync();
            await BrowserApp.AssertAccessibleAsync(page);
            await page.GotoAsync("/coalition/discussion/unfollow?token=broken");
            await page.GetByTestId("unfollow-outcome").WaitForAsync();
            await BrowserApp.AssertAccessibleAsync(page);
        }

        Assert.Contains("Seminarios web", await page.GotoAsync("/coalition/webinars") is { } response ? await response.TextAsync() : "", StringComparison.Ordinal);
    }

    /// <summary>A new member, signed in through the sign-in page from a link to <paramref name="start"/>, landing there.</summary>
    private async Task<IPage> MemberPageAsync(IBrowser browser, string email, string start, string role = Roles.Member)
    {
        await _app!.Factory.CreateUserAsync(email, [role]);
        var page = await _app.NewPageAsync(browser);
        await page.GotoAsync("/account/sign-in?ReturnUrl=" + Uri.EscapeDataString(start));
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(RadEquityWebFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**" + start);
        return page;
    }
}
