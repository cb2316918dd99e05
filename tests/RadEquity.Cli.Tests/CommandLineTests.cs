using RadEquity.Data;
using RadEquity.Testing;
namespace RadEquity.Cli.Tests;

/// <summary>The command line answers bad input with a clear message and a non-zero exit code, never a stack trace.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("radequity-cli-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Generate_BadAsOfDate_NamesTheOption()
    {
        var (code, output, error) = await CliProcess.RunAsync("generate", "--patients", "5", "--as-of", "2026-02-30", "--out", _folder.FullName);

        Assert.NotEqual(0, code);
        Assert.Contains("--as-of: '2026-02-30' is not a date", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_MissingPath_SaysWhichAndExitsTwo()
    {
        var missing = Path.Combine(_folder.FullName, "nowhere.ndjson");

        var (code, _, error) = await CliProcess.RunAsync("ingest", missing, "--db", Path.Combine(_folder.FullName, "x.db"));

        Assert.Equal(2, code);
        Assert.Contains("not found: " + missing, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_FileWithOneBadLine_LoadsTheRestAndReportsQuarantine()
    {
        var file = Path.Combine(_folder.FullName, "Patient.ndjson");
        await File.WriteAllLinesAsync(file,
        [
            """{"resourceType":"Patient","id":"a","gender":"female","birthDate":"1960-04-01"}""",
            """{"resourceType":"Patient","id":"b","gender":"female","birthDate":"1960-02-30"}""",
            """{"resourceType":"Patient","id":"c","gender":"male","birthDate":"1971-12-31"}""",
        ]);
        var db = Path.Combine(_folder.FullName, "store.db");

        var (code, output, error) = await CliProcess.RunAsync("ingest", file, "--db", db);

        Assert.True(code == 0, output + error);
        Assert.Contains("Quarantined", output, StringComparison.Ordinal);
        Assert.Equal(2, StoreState.Count(db, "patients"));
        Assert.Equal(1, StoreState.Count(db, "quarantine"));
    }

    [Fact]
    public async Task Generate_ThenIngestTwice_SecondRunChangesNothing()
    {
        var export = Path.Combine(_folder.FullName, "export");
        var db = Path.Combine(_folder.FullName, "store.db");
        var (code, output, error) = await CliProcess.RunAsync("generate", "--patients", "50", "--seed", "3", "--as-of", "2026-01-01", "--out", export);
        Assert.True(code == 0, output + error);

        (code, output, error) = await CliProcess.RunAsync("ingest", Path.Combine(export, "manifest.json"), "--db", db);
        Assert.True(code == 0, output + error);
        var first = await StoreDump.ReadContentAsync(StoreConnection.Parse(db));
        (code, output, error) = await CliProcess.RunAsync("ingest", Path.Combine(export, "manifest.json"), "--db", db);

        Assert.True(code == 0, output + error);
        Assert.Matches(@"New / updated / unchanged / deleted\s*│\s*0 / 0 / [1-9][\d,]* / 0", output);
        Assert.Equal(50, StoreState.Count(db, "patients"));
        var second = await StoreDump.ReadContentAsync(StoreConnection.Parse(db));
        foreach (var table in first.Keys)
        {
            Assert.Equal(first[table], second[table]);
        }
    }
}
