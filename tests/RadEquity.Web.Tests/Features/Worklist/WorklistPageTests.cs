using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Testing;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Worklist;

/// <summary>The worklist pages on the demo population's runs, on both stores: who sees them, priority order, assignment,
/// a navigator's work on an item, and an exam arriving through the upload closing its item.</summary>
public abstract partial class WorklistPageTests(TestStore store) : StoreAppTests(store)
{
    private RadEquityWebFactory? _demo;

    /// <summary>The app on this test's database with the demo population (600 patients) and its runs.</summary>
    private RadEquityWebFactory Demo => _demo ??= NewFactory(configureAdministrator: true, demoPatients: 600);

    [SkippableFact]
    public async Task Worklist_Navigator_ItemsInDescendingScoreWithPartsAndTheViewAudited()
    {
        SkipUnlessAvailable();
        using var navigator = await Demo.CreateSignedInClientForRoleAsync(Roles.Navigator);

        var html = await navigator.GetStringAsync("/worklist");

        var totals = ScoreTotal().Matches(html).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.True(totals.Count > 1, "the demo population has open gaps");
        Assert.Equal(totals.OrderByDescending(t => t), totals);
        Assert.Contains("no model active", html, StringComparison.Ordinal);
        Assert.Contains(await AuditSubjectsAsync("worklist"), s => s.StartsWith("measure=", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Worklist_CultureEs_PagesInSpanish()
    {
        SkipUnlessAvailable();
        using var navigator = await Demo.CreateSignedInClientForRoleAsync(Roles.Navigator);
        var id = (await ItemsAsync())[0].Id;

        var list = await navigator.GetStringAsync("/worklist?culture=es");
        var item = await navigator.GetStringAsync($"/worklist/items/{id}?culture=es");

        Assert.Contains("<h1>Lista de trabajo</h1>", list, StringComparison.Ordinal);
        Assert.Contains("Registrar un intento de contacto", item, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Worklist_Viewer_DeniedAndNothingAudited()
    {
        SkipUnlessAvailable();
        using var viewer = await Demo.CreateSignedInClientForRoleAsync(Roles.Viewer);

        using var list = await viewer.GetAsync("/worklist");
        using var item = await viewer.GetAsync("/worklist/items/1");

        Assert.True(list.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, list.StatusCode.ToString());
        Assert.True(item.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, item.StatusCode.ToString());
        Assert.Empty(await AuditSubjectsAsync("worklist"));
        Assert.Empty(await AuditSubjectsAsync("work-item"));
    }

    [SkippableFact]
    public async Task Worklist_SecondPage_OtherItemsThanTheFirst()
    {
        SkipUnlessAvailable();
        using var navigator = await Demo.CreateSignedInClientForRoleAsync(Roles.Navigator);

        var first = ItemLinks(await navigator.GetStringAsync("/worklist"));
        var second = ItemLinks(await navigator.GetStringAsync("/worklist?p=2"));

        Assert.Equal(50, first.Count);
        Assert.NotEmpty(second);
        Assert.Empty(first.Intersect(second));
    }

    [SkippableFact]
    public async Task Worklist_EquityOption_SameItemsInAnotherOrder()
    {
        SkipUnlessAvailable();
        using var navigator = await Demo.CreateSignedInClientForRoleAsync(Roles.Navigator);

        var plain = await navigator.GetStringAsync("/worklist?measure=cms125");
        var shared = await navigator.GetStringAsync("/worklist?measure=cms125&equity=race-ethnicity");

        Assert.Contains("Equity option on", shared, StringComparison.Ordinal);
        Assert.Equal(Caption().Match(plain).Groups[1].Value, Caption().Match(shared).Groups[1].Value);
        Assert.Equal(HttpStatusCode.BadRequest, (await navigator.GetAsync("/worklist?equity=shoe-size")).StatusCode);
    }

    [SkippableFact]
    public async Task Assign_AnalystSelectsItems_TheyAreInTheNavigatorsQueueOnly()
    {
        SkipUnlessAvailable();
        var nurse = await Demo.CreateUserAsync("nurse@radequity.test", [Roles.Navigator]);
        using var analyst = await Demo.CreateSignedInClientForRoleAsync(Roles.Analyst);
        var ids = (await ItemsAsync()).Take(3).Select(i => i.Id.ToString(CultureInfo.InvariantCulture)).ToList();

        using var response = await Forms.PostAsync(analyst, "/worklist",
            [.. ids.Select(id => new KeyValuePair<string, string>("selected", id)), new("assignTo", nurse.Id)], "/worklist?handler=Assign");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var navigator = await Demo.CreateSignedInClientAsync("nurse@radequity.test");
        var queue = ItemLinks(await navigator.GetStringAsync("/worklist?mine=true"));
        Assert.Equal(ids.Order(), queue.Order());
    }

    [SkippableFact]
    public async Task Assign_Navigator_Forbidden()
    {
        SkipUnlessAvailable();
        var nurse = await Demo.CreateUserAsync("nurse2@radequity.test", [Roles.Navigator]);
        using var navigator = await Demo.CreateSignedInClientAsync("nurse2@radequity.test");
        var id = (await ItemsAsync())[0].Id.ToString(CultureInfo.InvariantCulture);

        using var response = await Forms.PostAsync(navigator, "/worklist?mine=true", [new("selected", id), new("assignTo", nurse.Id)], "/worklist?handler=Assign");

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, response.StatusCode.ToString());
        Assert.Null((await ItemsAsync())[0].AssignedTo);
    }

    [SkippableFact]
    public async Task Item_NavigatorLogsAnAttemptAndNotes_StatusMovesAndTheLogShowsIt()
    {
        SkipUnlessAvailable();
        using var navigator = await Demo.CreateSignedInClientForRoleAsync(Roles.Navigator);
        var item = (await ItemsAsync())[0];
        var page = $"/worklist/items/{item.Id}";

        using (var attempt = await Forms.PostAsync(navigator, page, [new("channel", "phone"), new("outcome", "left-message"), new("note", "Voicemail")], page + "?handler=Attempt"))
        {
            Assert.Equal(HttpStatusCode.Redirect, attempt.StatusCode);
        }

        using (var status = await Forms.PostAsync(navigator, page, [new("status", "scheduled"), new("notes", "Booked for Tuesday")], page + "?handler=Status"))
        {
            Assert.Equal(HttpStatusCode.Redirect, status.StatusCode);
        }

        var html = await navigator.GetStringAsync(page);
        Assert.Contains("<dd data-testid=\"item-status\">scheduled</dd>", html, StringComparison.Ordinal);
        Assert.Contains("Booked for Tuesday", html, StringComparison.Ordinal);
        Assert.Matches("<tr data-testid=\"attempt\"><td>[0-9: -]+</td><td>navigator-[^<]+</td><td>phone</td><td>left-message</td><td>[^<]*</td><td>Voicemail</td></tr>", html);
        Assert.Contains(await AuditSubjectsAsync("work-item"), s => s.EndsWith($"item {item.Id}", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Item_UnknownStatus_BadRequestAndUnchanged()
    {
        SkipUnlessAvailable();
        using var navigator = await Demo.CreateSignedInClientForRoleAsync(Roles.Navigator);
        var item = (await ItemsAsync())[0];
        var page = $"/worklist/items/{item.Id}";

        using var response = await Forms.PostAsync(navigator, page, [new("status", "lost"), new("notes", "")], page + "?handler=Status");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(WorkItemStatus.New, (await ItemsAsync())[0].Status);
    }

    [SkippableFact]
    public async Task ExamArrives_MammogramUploadedForTheItemsPatient_ItemCompletesAsExamArrived()
    {
        SkipUnlessAvailable();
        using var analyst = await Demo.CreateSignedInClientForRoleAsync(Roles.Analyst);
        var item = (await ItemsAsync()).First(i => i.MeasureId == "cms125");
        var mammogram = $$"""
            {"resourceType":"Procedure","id":"arrived-mammo-1","status":"completed","code":{"coding":[{"system":"http://loinc.org","code":"26175-0"}]},"subject":{"reference":"Patient/{{item.PatientId}}"},"performedDateTime":"2025-06-02T10:00:00Z"}
            """;

        using (var upload = await UploadAsync(analyst, item.Source, "Procedure.ndjson", mammogram))
        {
            Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        }

        var closed = await WaitForItemAsync(item.Id, i => i.Status == WorkItemStatus.Completed);
        Assert.True(closed.ClosedReason == WorkItemCloseReason.ExamArrived, $"{closed.Status} {closed.ClosedReason}; {await RunsAsync()}");
        Assert.True(closed.ClosedRunId > item.LastOpenRunId);
        var html = await analyst.GetStringAsync($"/worklist/items/{item.Id}");
        Assert.Contains($"completed (exam arrived, run {closed.ClosedRunId})", html, StringComparison.Ordinal);
    }

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string source, string name, string content)
    {
        var token = Forms.Token(await client.GetStringAsync("/data"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(source), "Source" },
            { new StringContent(token), Forms.TokenField },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "Files", name },
        };
        return await client.PostAsync("/data?handler=Upload", form);
    }

    private async Task<WorkItemRow> WaitForItemAsync(long id, Func<WorkItemRow, bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            using var scope = Demo.Services.CreateScope();
            var item = await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().WorkItems.AsNoTracking().SingleAsync(i => i.Id == id);
            if (done(item) || DateTime.UtcNow > deadline)
            {
                return item;
            }

            await Task.Delay(250);
        }
    }

    private async Task<string> RunsAsync()
    {
        using var scope = Demo.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
        var runs = await db.MeasureRuns.Select(r => r.Id + ":" + r.Status).ToListAsync();
        var ingests = await db.IngestRuns.Select(r => r.Id + ":" + r.Status).ToListAsync();
        return $"runs {string.Join(' ', runs)}; syncs {string.Join(' ', await db.WorklistSyncs.Select(s => s.RunId).ToListAsync())}; ingests {string.Join(' ', ingests)}";
    }

    private async Task<List<WorkItemRow>> ItemsAsync()
    {
        using var scope = Demo.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().WorkItems.AsNoTracking().OrderBy(i => i.Id).ToListAsync();
    }

    private async Task<List<string>> AuditSubjectsAsync(string what)
    {
        using var scope = Demo.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
        return await db.AuditEvents.Where(e => e.What == what && e.Action == AuditAction.View).Select(e => e.Subject ?? "").ToListAsync();
    }

    private static List<string> ItemLinks(string html) => ItemLink().Matches(html).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex("<td>([0-9.]+) = [0-9]+ \\+ ")]
    private static partial Regex ScoreTotal();

    [GeneratedRegex("<a href=\"/worklist/items/([0-9]+)\" data-testid=\"work-item\">")]
    private static partial Regex ItemLink();

    [GeneratedRegex("<caption>([0-9,]+) work items")]
    private static partial Regex Caption();
}

public sealed class WorklistPageSqliteTests() : WorklistPageTests(TestStore.Sqlite);

[Collection(PostgresTestGroup.Name)]
public sealed class WorklistPagePostgresTests(PostgresTestServer server) : WorklistPageTests(TestStore.Postgres(server));
