using System.Text.Json;
using RadEquity.Interop.Synthetic;

namespace RadEquity.Cli.Tests.Measures;

/// <summary>A generated export ingested into SQLite once, shared by the measure, explain and report tests.</summary>
public sealed class MeasuredStoreFixture : IAsyncLifetime
{
    public DirectoryInfo Folder { get; } = Directory.CreateTempSubdirectory("radequity-measure-");

    public string Export => Path.Combine(Folder.FullName, "export");

    public string Database => Path.Combine(Folder.FullName, "store.db");

    public string Outcomes => Path.Combine(Folder.FullName, "outcomes.csv");

    public (int Code, string Output, string Error) Measured { get; private set; }

    public async Task InitializeAsync()
    {
        SyntheticPopulation.Generate(new GeneratorOptions { Patients = 3000, Seed = 5, AsOf = new DateOnly(2026, 1, 1), OutputDirectory = Export });
        var (code, output, error) = await CliProcess.RunAsync("ingest", Export, "--db", Database);
        Assert.True(code == 0, output + error);
        Measured = await CliProcess.RunAsync("measure", "--period", "2025", "--as-of", "2026-01-01", "--db", Database,
            "--outcomes", Outcomes, "--ruca", Path.Combine(Export, "zip-ruca.csv"), "--deprivation", Path.Combine(Export, "zip-deprivation.csv"));
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Folder.Delete(recursive: true);
        return Task.CompletedTask;
    }
}

public sealed class MeasureCommandTests(MeasuredStoreFixture store) : IClassFixture<MeasuredStoreFixture>
{
    [Fact]
    public void Measure_GeneratedStore_PrintsEveryMeasureAndStoresTheRun()
    {
        var (code, output, error) = store.Measured;

        Assert.True(code == 0, output + error);
        foreach (var id in new[] { "cms125", "breast-uspstf-2024", "cms130", "lung-uspstf-2021", "bi-rads-resolution-60", "lung-rads-follow-up" })
        {
            Assert.Contains(id, output, StringComparison.Ordinal);
        }

        Assert.Equal(1, StoreState.Count(store.Database, "measure_runs"));
        Assert.True(StoreState.Count(store.Database, "measure_counts") > 100);
    }

    [Fact]
    public void Measure_Outcomes_OneRowPerPatientAndMeasure()
    {
        var lines = File.ReadAllLines(store.Outcomes);

        Assert.Equal("patient_id,source,measure_id,initial_population,denominator,exclusion,numerator,gap_status,due_date", lines[0]);
        Assert.Equal(3000 * 8, lines.Length - 1);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(StoreState.Count(store.Database, "measure_outcomes"), rows.Count(f => f[3] == "1"));
        Assert.Contains(rows, f => f[3] == "0" && f[4] == "0" && f[7].Length == 0);
        var cms125 = rows.Where(f => f[2] == "cms125" && f[3] == "1").ToList();
        Assert.True(cms125.Count > 300);
        Assert.All(cms125.Where(f => f[6] == "1"), f => Assert.Equal("0", f[5])); // excluded patients never count as met
        Assert.Contains(cms125, f => f[7] == "open-gap" && f[8].Length == 10);
        Assert.DoesNotContain(store.Outcomes + ".tmp", Directory.GetFiles(store.Folder.FullName));
    }

    [Fact]
    public async Task Explain_PatientInNumerator_PrintsTheEvidence()
    {
        var met = File.ReadLines(store.Outcomes).Skip(1).Select(l => l.Split(',')).First(f => f[2] == "cms125" && f[6] == "1");

        var (code, output, error) = await CliProcess.RunAsync("explain", met[0], "--measure", "cms125", "--period", "2025", "--db", store.Database);

        Assert.True(code == 0, output + error);
        Assert.Contains("Numerator: yes", output, StringComparison.Ordinal);
        Assert.Contains("satisfied", output, StringComparison.Ordinal);
        Assert.Contains("Numerator: mammogram", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_UnknownMeasure_ExitsTwoNamingTheOption()
    {
        var (code, _, error) = await CliProcess.RunAsync("explain", "p0000001", "--measure", "cms999", "--db", store.Database);

        Assert.Equal(2, code);
        Assert.Contains("--measure: unknown measure 'cms999'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--period", "20x5", "--period: '20x5' is neither a year")]
    [InlineData("--as-of", "2026-13-01", "--as-of: '2026-13-01' is not a date")]
    public async Task Measure_BadOption_ExitsTwoNamingTheOption(string option, string value, string message)
    {
        var (code, _, error) = await CliProcess.RunAsync("measure", option, value, "--db", store.Database);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Measure_BadValueSetFile_ExitsTwoNamingTheFile()
    {
        var bad = Path.Combine(store.Folder.FullName, "bad-valuesets.json");
        await File.WriteAllTextAsync(bad, """{"resourceType":"ValueSet","url":"http://x","expansion":{"contains":[{"system":"http://loinc.org"}]}}""");

        var (code, _, error) = await CliProcess.RunAsync("measure", "--value-sets", bad, "--db", store.Database);

        Assert.Equal(2, code);
        Assert.Contains("bad-valuesets.json", error, StringComparison.Ordinal);
        Assert.Contains("'code' is missing", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_LatestRun_WritesHtmlAndDeidentifiedMeasureReports()
    {
        var html = Path.Combine(store.Folder.FullName, "report.html");
        var fhir = Path.Combine(store.Folder.FullName, "fhir");

        var (code, output, error) = await CliProcess.RunAsync("report", "--db", store.Database, "--out", html, "--measure-reports", fhir, "--deidentified");

        Assert.True(code == 0, output + error);
        var text = await File.ReadAllTextAsync(html);
        Assert.Contains("cms125", text, StringComparison.Ordinal);
        Assert.Contains("<svg", text, StringComparison.Ordinal);
        var files = Directory.GetFiles(fhir, "MeasureReport-*.json");
        Assert.Equal(8, files.Length);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(fhir, "MeasureReport-cms125.json")));
        Assert.Equal("MeasureReport", report.RootElement.GetProperty("resourceType").GetString());
        foreach (var count in Counts(report.RootElement))
        {
            Assert.False(count is >= 1 and <= 10, $"count {count} would identify a small group");
        }
    }

    private static IEnumerable<long> Counts(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "count" && property.Value.ValueKind == JsonValueKind.Number)
                {
                    yield return property.Value.GetInt64();
                }

                foreach (var nested in Counts(property.Value))
                {
                    yield return nested;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var nested in Counts(item))
                {
                    yield return nested;
                }
            }
        }
    }
}
