namespace RadEquity.Cli.Tests;

/// <summary><c>radequity risk train</c> and <c>activate</c> on a generated practice, through the real store.</summary>
public sealed class RiskCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("radequity-cli-risk-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task RiskTrainActivateList_GeneratedPractice_PrintsBothAucsStoresAndSwitchesOnTheModel()
    {
        var export = Path.Combine(_folder.FullName, "export");
        var db = Path.Combine(_folder.FullName, "store.db");
        var work = Path.Combine(_folder.FullName, "work");
        var (code, output, error) = await CliProcess.RunAsync("generate", "--patients", "3000", "--seed", "3", "--as-of", "2026-01-01", "--out", export);
        Assert.True(code == 0, output + error);
        (code, output, error) = await CliProcess.RunAsync("ingest", Path.Combine(export, "manifest.json"), "--db", db);
        Assert.True(code == 0, output + error);

        (code, output, error) = await CliProcess.RunAsync("risk", "train", "--db", db, "--seed", "5", "--as-of", "2026-01-01",
            "--ruca", Path.Combine(export, "zip-ruca.csv"), "--work-folder", work);

        Assert.True(code == 0, output + error);
        Assert.Contains("| model (gradient-boosted trees) |", output, StringComparison.Ordinal);
        Assert.Contains("| baseline (prior no-shows alone) |", output, StringComparison.Ordinal);
        Assert.Contains("| payer | Medicaid |", output, StringComparison.Ordinal);
        Assert.Contains("Stored as v1", output, StringComparison.Ordinal);
        var version = Path.Combine(work, "models", "risk", "v1");
        Assert.True(File.Exists(Path.Combine(version, "model.zip")));
        Assert.True(File.Exists(Path.Combine(version, "report.json")));
        Assert.False(File.Exists(Path.Combine(work, "models", "risk", "active")));

        (code, output, error) = await CliProcess.RunAsync("risk", "activate", "v2", "--work-folder", work);
        Assert.Equal(1, code);
        Assert.Contains("Stored versions: v1.", error, StringComparison.Ordinal);

        (code, output, error) = await CliProcess.RunAsync("risk", "activate", "1", "--work-folder", work);
        Assert.True(code == 0, output + error);
        Assert.Equal("v1", await File.ReadAllTextAsync(Path.Combine(work, "models", "risk", "active")));

        (code, output, error) = await CliProcess.RunAsync("risk", "list", "--work-folder", work);
        Assert.True(code == 0, output + error);
        Assert.StartsWith("* v1  trained ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RiskTrain_BadAsOfDate_NamesTheOption()
    {
        var (code, output, error) = await CliProcess.RunAsync("risk", "train", "--as-of", "2026-13-01", "--db", Path.Combine(_folder.FullName, "x.db"),
            "--work-folder", _folder.FullName);

        Assert.Equal(2, code);
        Assert.Contains("--as-of: not a date", output + error, StringComparison.Ordinal);
    }
}
