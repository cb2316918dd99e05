using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Worklist;

/// <summary>A navigator's day in Debian's Chromium: the queue, an item, a logged contact, then the exam arrives through
/// the upload and the item shows completed; the worklist pages pass axe.</summary>
public sealed class WorklistBrowserTests(ChromiumBrowser chromium) : BrowserTests(chromium, DemoPatients)
{
    private const int DemoPatients = 300;
    private const string Navigator = "navigator-day@radequity.test";
    private const string Analyst = "analyst-day@radequity.test";

    [SkippableFact]
    public async Task NavigatorsDay_QueueItemContactThenExamArrives_ItemShowsCompleted()
    {
        // The base signs in as the administrator (and skips without Chromium); the navigator gets a context of their own.
        var admin = await SignedInPageAsync();
        var browser = admin.Context.Browser!;
        await admin.Context.CloseAsync();
        var navigator = await App.Factory.CreateUserAsync(Navigator, [Roles.Navigator]);
        var item = await AssignFirstMammogramItemAsync(navigator.Id);
        var page = await App.NewPageAsync(browser);
        await BrowserApp.SignInAsync(page, Navigator, RadEquityWebFactory.Password);

        await page.GotoAsync("/worklist");
        await page.GetByTestId("my-queue").ClickAsync();
        Assert.Equal("My queue", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(1, await page.GetByTestId("work-item").CountAsync());
        await BrowserApp.AssertAccessibleAsync(page);

        await page.GetByTestId("work-item").ClickAsync();
        Assert.EndsWith($"/worklist/items/{item.Id}", page.Url, StringComparison.Ordinal);
        await BrowserApp.AssertAccessibleAsync(page);
        await page.GetByLabel("Channel").SelectOptionAsync("phone");
        await page.GetByLabel("Outcome").SelectOptionAsync("reached");
        await page.GetByLabel("Note", new() { Exact = true }).FillAsync("Will book this week");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log attempt" }).ClickAsync();
        Assert.Equal("contacted", await page.GetByTestId("item-status").InnerTextAsync());
        Assert.Equal(1, await page.GetByTestId("attempt").CountAsync());

        // The exam arrives through the Data page's upload, as an analyst loads it.
        await App.Factory.CreateUserAsync(Analyst, [Roles.Analyst]);
        var data = await App.NewPageAsync(browser);
        await BrowserApp.SignInAsync(data, Analyst, RadEquityWebFactory.Password);
        await data.GotoAsync("/data");
        await data.Locator("#source").FillAsync(item.Source);
        await data.Locator("#files").SetInputFilesAsync(new FilePayload
        {
            Name = "Procedure.ndjson",
            MimeType = "application/x-ndjson",
            Buffer = System.Text.Encoding.UTF8.GetBytes($$"""
                {"resourceType":"Procedure","id":"day-mammo-1","status":"completed","code":{"coding":[{"system":"http://loinc.org","code":"26175-0"}]},"subject":{"reference":"Patient/{{item.PatientId}}"},"performedDateTime":"2025-06-02T10:00:00Z"}
                """),
        });
        await data.GetByTestId("upload").ClickAsync();

        var deadline = DateTime.UtcNow.AddMinutes(4);
        string status;
        do
        {
            await Task.Delay(500);
            await page.ReloadAsync();
            status = await page.GetByTestId("item-status").InnerTextAsync();
        }
        while (!status.StartsWith("completed", StringComparison.Ordinal) && DateTime.UtcNow < deadline);

        Assert.StartsWith("completed (exam arrived, run ", status, StringComparison.Ordinal);
        Assert.Equal(1, await page.GetByTestId("attempt").CountAsync());

        // The hand-off form for the item's patient and gap (the every-page test has no patient to show it with).
        await page.GetByTestId("hand-off").ClickAsync();
        await page.WaitForURLAsync("**/tasks/new?**");
        Assert.True(await page.GetByTestId("new-task").IsVisibleAsync());
        await BrowserApp.AssertAccessibleAsync(page);
    }

    private async Task<WorkItemRow> AssignFirstMammogramItemAsync(string navigatorId)
    {
        using var scope = App.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
        var item = await db.WorkItems.OrderBy(i => i.Id).FirstAsync(i => i.MeasureId == "cms125");
        item.AssignedTo = navigatorId;
        item.AssignedName = Navigator;
        await db.SaveChangesAsync();
        return item;
    }
}
