using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Testing;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Data;

/// <summary>
/// The Data and Runs pages on both stores: files uploaded through the page are ingested in the background (bad
/// records quarantined with their place, the rest loaded), ZIP tables are checked before they replace the ones in use,
/// and measure runs start from the page and land in the history.
/// </summary>
public abstract class DataAndRunsTests(TestStore store) : StoreAppTests(store)
{
    private const string Patients =
        """
        {"resourceType":"Patient","id":"up-1","gender":"female","birthDate":"1960-02-03","address":[{"postalCode":"02115"}]}
        {"resourceType":"Patient","id":"up-2","gender":"male","birthDate":"1955-07-08"}
        {"resourceType":"Patient","id":"up-3",
        {"resourceType":"Patient","id":"up-4","gender":"female","birthDate":"1970-11-12"}
        """;

    private const string CsvPatients = "patient_id,birth_date,sex\ncsv-1,1962-04-05,F\ncsv-2,1958-13-01,M\n";

    [SkippableFact]
    public async Task Upload_NdjsonAndCsv_LoadsGoodRecordsAndQuarantinesBadOnesByFileAndLine()
    {
        SkipUnlessAvailable();
        using var analyst = await Factory.CreateSignedInClientForRoleAsync(Roles.Analyst);

        using var response = await UploadAsync(analyst, "clinic-a", ("Patient.ndjson", Patients), ("export-patients.csv", CsvPatients));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var job = await JobPolling.FinishedAsync(analyst, response.Headers.Location!);
        Assert.Equal("Completed", job.GetProperty("state").GetString());
        Assert.Contains("2 quarantined", job.GetProperty("message").GetString(), StringComparison.Ordinal);
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
            Assert.Equal(["csv-1", "up-1", "up-2", "up-4"], await db.Patients.Where(p => p.Source == "clinic-a").Select(p => p.PatientId).OrderBy(p => p).ToListAsync());
        }

        var html = await analyst.GetStringAsync(job.GetProperty("link").GetString()!);
        Assert.Contains("<td>clinic-a</td>", html, StringComparison.Ordinal);
        Assert.Contains("Patient.ndjson, export-patients.csv", html, StringComparison.Ordinal);
        Assert.Contains("<td>Patient.ndjson</td><td class=\"num\">3</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>export-patients.csv</td><td class=\"num\">3</td><td>birth_date</td>", html, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(Factory.Files, "uploads")));
    }

    [SkippableFact]
    public async Task Upload_FileOfNoInputFormat_RefusedNamingTheFileAndNothingStaged()
    {
        SkipUnlessAvailable();
        using var analyst = await Factory.CreateSignedInClientForRoleAsync(Roles.Analyst);

        using var response = await UploadAsync(analyst, "clinic-a", ("Patient.ndjson", Patients), ("notes.docx", "not data"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("notes.docx: not an input format", html, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Factory.Files, "uploads")) && Directory.EnumerateFileSystemEntries(Path.Combine(Factory.Files, "uploads")).Any());
        using var scope = Factory.Services.CreateScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().IngestRuns.CountAsync());
    }

    [SkippableFact]
    public async Task Upload_LeftByAStoppedApp_IngestedOnTheNextStart()
    {
        SkipUnlessAvailable();
        using (Factory.CreateClient())
        {
        }

        // An upload the previous process staged but never ingested, and one it was still writing.
        var second = NewFactory(configureAdministrator: true);
        var upload = Path.Combine(second.Files, "uploads", "0123456789abcdef0123456789abcdef");
        Directory.CreateDirectory(Path.Combine(upload, "files"));
        await File.WriteAllTextAsync(Path.Combine(upload, "files", "Patient.ndjson"), Patients);
        await File.WriteAllTextAsync(Path.Combine(upload, "upload.json"),
            """{"source":"left-over","requestedBy":"someone","files":["Patient.ndjson"],"attempts":0}""");
        Directory.CreateDirectory(Path.Combine(second.Files, "uploads", "fedcba9876543210fedcba9876543210.partial"));

        using var admin = await second.CreateSignedInClientAsync(RadEquityWebFactory.AdminEmail);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (Directory.Exists(upload) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.False(Directory.Exists(upload), "the left-over upload was not ingested");
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(second.Files, "uploads")));
        using var scope = second.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
        Assert.Equal(3, await db.Patients.CountAsync(p => p.Source == "left-over"));
        Assert.Equal(IngestRunStatus.Completed, (await db.IngestRuns.SingleAsync()).Status);
    }

    [SkippableFact]
    public async Task ZipTable_MalformedLine_RefusedNamingTheLineAndTheTableInUseKept()
    {
        SkipUnlessAvailable();
        using var analyst = await Factory.CreateSignedInClientForRoleAsync(Roles.Analyst);
        using var good = await UploadTableAsync(analyst, "Ruca", "my-ruca.csv", "zip,ruca\n02115,1\n01002,4\n");
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);

        using var bad = await UploadTableAsync(analyst, "Ruca", "bad-ruca.csv", "zip,ruca\n02115,1\n0211x,2\n");

        var html = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("bad-ruca.csv", html, StringComparison.Ordinal);
        Assert.Contains("line 3", html, StringComparison.Ordinal);
        Assert.Contains("The table in use is unchanged.", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"ruca-zips\">2 ZIP codes<", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Runs_StartFromThePage_CompletesWithProgressAndAppearsInTheHistory()
    {
        SkipUnlessAvailable();
        using var analyst = await Factory.CreateSignedInClientForRoleAsync(Roles.Analyst);
        using (var upload = await UploadAsync(analyst, "clinic-a", ("Patient.ndjson", Patients)))
        {
            await JobPolling.FinishedAsync(analyst, upload.Headers.Location!);
        }

        using var response = await Forms.PostAsync(analyst, "/runs", [new("Year", "2025"), new("AsOf", "2026-01-15")]);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var job = await JobPolling.FinishedAsync(analyst, response.Headers.Location!);
        Assert.Equal("Completed", job.GetProperty("state").GetString());
        Assert.Equal(100, job.GetProperty("percent").GetInt32());
        Assert.Contains("3 patients evaluated", job.GetProperty("message").GetString(), StringComparison.Ordinal);
        var html = await analyst.GetStringAsync("/runs");
        Assert.Contains("2025-01-01 to 2025-12-31", html, StringComparison.Ordinal);
        Assert.Contains("<td>2026-01-15</td>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/dashboard\">completed</a>", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"no-area-tables\"", html, StringComparison.Ordinal);
        using var scope = Factory.Services.CreateScope();
        var run = await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().MeasureRuns.SingleAsync();
        Assert.Equal((MeasureRunStatus.Completed, 3L), (run.Status, run.Patients));
    }

    [SkippableFact]
    public async Task Runs_GapsAsOfBeforeThePeriod_RefusedAndNothingStarted()
    {
        SkipUnlessAvailable();
        using var analyst = await Factory.CreateSignedInClientForRoleAsync(Roles.Analyst);

        using var response = await Forms.PostAsync(analyst, "/runs", [new("Year", "2025"), new("AsOf", "2024-12-31")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Gaps as of: a date on or after the start of the measurement year.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var scope = Factory.Services.CreateScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().MeasureRuns.CountAsync());
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string source, params (string Name, string Content)[] files)
    {
        var token = Forms.Token(await client.GetStringAsync("/data"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(source), "Source" },
            { new StringContent(token), Forms.TokenField },
        };
        foreach (var (name, content) in files)
        {
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "Files", name);
        }

        return await client.PostAsync("/data?handler=Upload", form);
    }

    private static async Task<HttpResponseMessage> UploadTableAsync(HttpClient client, string table, string name, string content)
    {
        var token = Forms.Token(await client.GetStringAsync("/data"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(table), "Table" },
            { new StringContent(token), Forms.TokenField },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "TableFile", name },
        };
        return await client.PostAsync("/data?handler=AreaTable", form);
    }
}

public sealed class DataAndRunsSqliteTests() : DataAndRunsTests(TestStore.Sqlite);

[Collection(PostgresTestGroup.Name)]
public sealed class DataAndRunsPostgresTests(PostgresTestServer server) : DataAndRunsTests(TestStore.Postgres(server));
