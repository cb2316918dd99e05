using Microsoft.Playwright;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Coalition.Library;

/// <summary>
/// The library in Debian's Chromium: a visitor comments (with script in it), is told it awaits approval, staff approve
/// it in the queue, and it appears on the resource page with no script run; every library page passes axe-core in
/// English and Spanish.
/// </summary>
public sealed class LibraryBrowserTests(ChromiumBrowser chromium) : IClassFixture<ChromiumBrowser>, IAsyncLifetime
{
    private const string StaffEmail = "moderator@coalition.test";
    private BrowserApp? _app;

    public async Task InitializeAsync()
    {
        _app = new BrowserApp(demoPatients: 0, configureAdministrator: true);
        await _app.Factory.CreateUserAsync(StaffEmail, [Roles.CoalitionStaff]);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Comment_VisitorCommentsStaffApproves_PublishedAndNoScriptRan()
    {
        var browser = chromium.Require();
        var visitor = await _app!.NewPageAsync(browser);
        var dialogs = new List<string>();
        visitor.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };

        await visitor.GotoAsync("/coalition/resources");
        await visitor.GetByLabel("Search words").FillAsync("colorectal every community");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await visitor.GetByRole(AriaRole.Link, new() { Name = "80% in Every Community" }).ClickAsync();
        await visitor.GetByTestId("resource").WaitForAsync();
        var resourceUrl = visitor.Url;
        await visitor.GetByLabel("Your name (shown with the comment)").FillAsync("Grace <script>window.xss = 'name'; alert('name')</script>");
        await visitor.GetByLabel("E-mail address").FillAsync("grace@public.test");
        await visitor.GetByLabel("Comment", new() { Exact = true }).FillAsync(
            "Our **Saturday** clinic doubled screening. <img src=x onerror=\"window.xss='body';alert('body')\"> [more](javascript:alert('link'))");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Send comment" }).ClickAsync();
        Assert.Equal("Your comment was submitted for approval and will be published after approval.",
            (await visitor.GetByTestId("comment-held").InnerTextAsync()).Trim());
        await BrowserApp.AssertAccessibleAsync(visitor);
        await visitor.GotoAsync(resourceUrl);
        Assert.Equal(0, await visitor.GetByTestId("comments").CountAsync());

        var staff = await _app.NewPageAsync(browser);
        await SignInAsStaffAsync(staff);
        Assert.Contains("Comments waiting for approval: 1.", await staff.GetByTestId("pending-count").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserApp.AssertAccessibleAsync(staff);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await staff.GetByText("Comments waiting for approval: 0.").WaitForAsync();

        await visitor.GotoAsync(resourceUrl);
        var comments = visitor.GetByTestId("comments");
        var text = await comments.InnerTextAsync();
        Assert.Contains("Grace <script>window.xss = 'name'; alert('name')</script>", text, StringComparison.Ordinal);
        Assert.Contains("Our Saturday clinic doubled screening.", text, StringComparison.Ordinal);
        Assert.Equal("Saturday", await comments.Locator("strong").InnerTextAsync());
        Assert.Equal(0, await comments.Locator("img, script").CountAsync());
        Assert.DoesNotContain("grace@public.test", await visitor.ContentAsync(), StringComparison.Ordinal);
        // Clicking the hostile link goes nowhere.
        await comments.GetByRole(AriaRole.Link, new() { Name = "more" }).ClickAsync();
        Assert.Null(await visitor.EvaluateAsync<string?>("() => window.xss ?? null"));
        Assert.Empty(dialogs);
        await BrowserApp.AssertAccessibleAsync(visitor);
    }

    [SkippableFact]
    public async Task EveryLibraryPage_EnglishAndSpanish_PassesAxe()
    {
        var browser = chromium.Require();
        var page = await _app!.NewPageAsync(browser);
        var staff = await _app.NewPageAsync(browser);
        await SignInAsStaffAsync(staff);

        foreach (var (language, send, held) in new[]
        {
            ("en", "Send comment", "Your comment was submitted for approval and will be published after approval."),
            ("es", "Enviar comentario", "Su comentario se envió para aprobación y se publicará una vez aprobado."),
        })
        {
            await page.GotoAsync("/coalition/resources?culture=" + language);
            Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
            await BrowserApp.AssertAccessibleAsync(page);
            await page.GotoAsync("/coalition/resources?q=screening&kind=toolkit&tag=outreach&audience=navigators");
            await BrowserApp.AssertAccessibleAsync(page);
            await page.GotoAsync("/coalition/resources?q=nothingmatchesthis");
            await BrowserApp.AssertAccessibleAsync(page);

            await page.GotoAsync("/coalition/resources");
            await page.GetByTestId("resources").GetByRole(AriaRole.Link).First.ClickAsync();
            await page.GetByTestId("resource").WaitForAsync();
            await BrowserApp.AssertAccessibleAsync(page);
            // The error summary, then a held comment.
            await page.GetByRole(AriaRole.Button, new() { Name = send }).ClickAsync();
            await page.GetByTestId("errors").WaitForAsync();
            await BrowserApp.AssertAccessibleAsync(page);
            await page.Locator("#Input_Name").FillAsync("Axe Checker");
            await page.Locator("#Input_Email").FillAsync("axe." + language + "@public.test");
            await page.Locator("#Input_Body").FillAsync("A *useful* resource.");
            await page.GetByRole(AriaRole.Button, new() { Name = send }).ClickAsync();
            Assert.Equal(held, (await page.GetByTestId("comment-held").InnerTextAsync()).Trim());
            await BrowserApp.AssertAccessibleAsync(page);

            // Published comments on the page, and the staff pages, in the same language.
            await staff.GotoAsync("/coalition/staff/comments?culture=" + language);
            await BrowserApp.AssertAccessibleAsync(staff);
            await staff.GetByTestId("moderation-queue").Locator("[data-status=pending] button").First.ClickAsync();
            await staff.WaitForURLAsync("**/coalition/staff/comments?p=1");
            await page.ReloadAsync();
            await page.GetByTestId("comments").WaitForAsync();
            await BrowserApp.AssertAccessibleAsync(page);
            await staff.GotoAsync("/coalition/resources/submit");
            await BrowserApp.AssertAccessibleAsync(staff);
            await staff.GotoAsync("/coalition/staff/resources");
            await BrowserApp.AssertAccessibleAsync(staff);
        }
    }

    /// <summary>Signs in through the real page, returning to the moderation queue (the hub's home is another slice's).</summary>
    private static async Task SignInAsStaffAsync(IPage page)
    {
        await page.GotoAsync("/account/sign-in?ReturnUrl=" + Uri.EscapeDataString("/coalition/staff/comments"));
        await page.GetByLabel("E-mail address").FillAsync(StaffEmail);
        await page.GetByLabel("Password").FillAsync(RadEquityWebFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByTestId("pending-count").WaitForAsync();
    }
}
