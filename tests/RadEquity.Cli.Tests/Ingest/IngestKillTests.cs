using RadEquity.Data;
using RadEquity.Interop.Synthetic;
using RadEquity.Testing;

namespace RadEquity.Cli.Tests.Ingest;

/// <summary>A crash or kill mid-run leaves no half-written state: running again ends where an uninterrupted run ends.</summary>
public sealed class IngestKillTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("radequity-kill-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Ingest_KilledMidRunThenRunAgain_EndsInStateOfUninterruptedRun()
    {
        var export = Path.Combine(_folder.FullName, "export");
        SyntheticPopulation.Generate(new GeneratorOptions { Patients = 4000, Seed = 7, AsOf = new DateOnly(2026, 1, 1), OutputDirectory = export });
        var manifest = Path.Combine(export, SyntheticPopulation.ManifestFileName);
        var reference = Path.Combine(_folder.FullName, "reference.db");
        var killed = Path.Combine(_folder.FullName, "killed.db");

        var (code, output, error) = await CliProcess.RunAsync("ingest", manifest, "--db", reference, "--batch-size", "250");
        Assert.True(code == 0, output + error);
        var total = StoreState.Count(reference, "raw_resources");

        using (var process = CliProcess.Start("ingest", manifest, "--db", killed, "--batch-size", "250"))
        {
            // Kill once some batches, but not all, are committed.
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (StoreState.Count(killed, "raw_resources") < total / 4 && !process.HasExited)
            {
                await Task.Delay(20, deadline.Token);
            }

            Assert.False(process.HasExited, "the run ended before it could be killed; make the population larger");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(deadline.Token);
        }

        var partial = StoreState.Count(killed, "raw_resources");
        Assert.InRange(partial, 1, total - 1);

        (code, output, error) = await CliProcess.RunAsync("ingest", manifest, "--db", killed, "--batch-size", "250");
        Assert.True(code == 0, output + error);

        var expected = await StoreDump.ReadContentAsync(StoreConnection.Parse(reference));
        var actual = await StoreDump.ReadContentAsync(StoreConnection.Parse(killed));
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var table in expected.Keys)
        {
            Assert.Equal(expected[table], actual[table]);
        }
    }
}
