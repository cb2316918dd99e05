using Microsoft.Playwright;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Journey;

/// <summary>
/// Whole journeys in Debian's Chromium against the app on Kestrel (HTTPS, SQLite, a small demo population): load files,
/// run the measures, open a measure, drill down to patients, export, and find the export in the audit log. Every page
/// on the way passes axe.
/// </summary>
public sealed class JourneyBrowserTests(ChromiumBrowser chromium) : BrowserTests(chromium, DemoPatients)
{
    private const int DemoPatients = 300;
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(2);

    [SkippableFact]
    public async Task Journey_RunMeasuresOpenMeasureDrillDownExport_AuditLogShowsTheExport()
    {
        var page = await SignedInPageAsync();

        // Run the measures for last year from the Runs page, and watch the job finish.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Runs", Exact = true }).ClickAsync();
        Assert.Equal("Measure runs", await page.Locator("h1").InnerTextAsync());
        var runsBefore = await page.Locator("[data-testid='run-history'] tbody tr").CountAsync();
        await page.GetByTestId("run-measures").ClickAsync();
        await page.WaitForURLAsync("**/runs?job=*");
        var job = page.Locator("li.started");
        await Assertions.Expect(job.GetByTestId("job-state")).ToHaveTextAsync("Completed", new() { Timeout = (float)JobTimeout.TotalMilliseconds });
        Assert.Contains($"{DemoPatients} patients evaluated", await job.GetByTestId("job-message").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserApp.AssertAccessibleAsync(page);
        await page.ReloadAsync();
        Assert.Equal(runsBefore + 1, await page.Locator("[data-testid='run-history'] tbody tr").CountAsync());
        Assert.Equal("completed", await page.GetByTestId("run-status").First.InnerTextAsync());

        // Its result: the dashboard, then one measure.
        await page.Locator("li.started").GetByTestId("job-link").ClickAsync();
        await page.WaitForURLAsync("**/dashboard");
        await page.Locator("tr[data-measure='cms125'] a").ClickAsync();
        await page.WaitForURLAsync("**/dashboard/measures/cms125");

        // Drill down to the patients behind a stratum, and export them.
        await page.GetByTestId("patients-link").First.ClickAsync();
        await page.WaitForURLAsync("**/dashboard/measures/cms125/patients?*");
        await BrowserApp.AssertAccessibleAsync(page);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-patients").ClickAsync());
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.Equal("source,patient_id,measure,run,gap_status,due_date,overdue", csv[0]);
        Assert.True(csv.Length > 1, "the export lists no patient");
        Assert.All(csv.Skip(1), line => Assert.StartsWith("demo,", line, StringComparison.Ordinal));

        // One patient's evidence.
        var patientId = csv[1].Split(',')[1];
        await page.GetByRole(AriaRole.Link, new() { Name = patientId, Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/dashboard/patients/demo/**");
        await BrowserApp.AssertAccessibleAsync(page);

        // The audit log has the list view, the export and the patient, newest first.
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        var events = page.GetByTestId("audit-events").Locator("tbody tr");
        var newest = string.Join(" | ", await events.Locator("nth=0").InnerTextAsync(), await events.Locator("nth=1").InnerTextAsync(),
            await events.Locator("nth=2").InnerTextAsync());
        Assert.Contains("patient", newest, StringComparison.Ordinal);
        Assert.Contains("export", newest, StringComparison.Ordinal);
        Assert.Contains("patient-list", newest, StringComparison.Ordinal);
        Assert.Contains(RadEquityWebFactory.AdminEmail, newest, StringComparison.Ordinal);
        await BrowserApp.AssertAccessibleAsync(page);
    }

    [SkippableFact]
    public async Task Journey_UploadFilesOnTheDataPage_ProgressThenHistoryAndQuarantine()
    {
        var page = await SignedInPageAsync();
        var folder = Directory.CreateTempSubdirectory("radequity-upload-");
        try
        {
            var file = Path.Combine(folder.FullName, "Patient.ndjson");
            await File.WriteAllTextAsync(file,
                "{\"resourceType\":\"Patient\",\"id\":\"b-1\",\"gender\":\"female\",\"birthDate\":\"1961-01-01\"}\n" +
                "{\"resourceType\":\"Patient\",\"id\":\"b-2\",\"gender\":\"female\",\"birthDate\":\"1961-13-01\"}\n");

            await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Data", Exact = true }).ClickAsync();
            await BrowserApp.AssertAccessibleAsync(page);
            await page.GetByLabel("Source", new() { Exact = true }).FillAsync("browser-upload");
            await page.GetByLabel("Files", new() { Exact = true }).SetInputFilesAsync(file);
            await page.GetByTestId("upload").ClickAsync();
            await page.WaitForURLAsync("**/data?job=*");
            var job = page.Locator("li.started");
            await Assertions.Expect(job.GetByTestId("job-state")).ToHaveTextAsync("Completed", new() { Timeout = (float)JobTimeout.TotalMilliseconds });
            Assert.Contains("1 quarantined", await job.GetByTestId("job-message").InnerTextAsync(), StringComparison.Ordinal);
            await BrowserApp.AssertAccessibleAsync(page);

            await job.GetByTestId("job-link").ClickAsync();
            var run = page.GetByTestId("ingest-runs").Locator("tbody tr").First;
            Assert.Contains("browser-upload", await run.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal("completed", await run.GetByTestId("ingest-status").InnerTextAsync());
            await run.GetByRole(AriaRole.Link).ClickAsync();
            var quarantined = await page.GetByTestId("quarantine-table").Locator("tbody tr").AllInnerTextsAsync();
            Assert.Single(quarantined);
            Assert.Contains("Patient.ndjson\t2\t", quarantined[0], StringComparison.Ordinal);
            await BrowserApp.AssertAccessibleAsync(page);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
