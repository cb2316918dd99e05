using Microsoft.Data.Sqlite;
using RadEquity.Data;
using RadEquity.Testing;

namespace RadEquity.Cli.Tests.Conformance;

/// <summary>Real producer output (Synthea, in shared/data beside the repository) through the real command into a real store.</summary>
[Trait("Category", "Conformance")]
public sealed class SyntheaStoreTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("radequity-synthea-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [SkippableFact]
    public async Task Ingest_SyntheaBundlesAndBulkExportTwice_StoresDistinctResourcesOnceWithoutQuarantine()
    {
        var root = SharedData.Synthea();
        Skip.If(root is null, SharedData.MissingMessage);
        var db = Path.Combine(_folder.FullName, "synthea.db");
        string[] args = ["ingest", Path.Combine(root, "r4-bundles"), Path.Combine(root, "bulk-ndjson-13-patients"), "--db", db, "--source", "synthea"];

        var (code, output, error) = await CliProcess.RunAsync(args);
        Assert.True(code == 0, output + error);
        var first = await StoreDump.ReadContentAsync(StoreConnection.Parse(db));
        (code, output, error) = await CliProcess.RunAsync(args);
        Assert.True(code == 0, output + error);

        Assert.Equal(first["raw_resources"], (await StoreDump.ReadContentAsync(StoreConnection.Parse(db)))["raw_resources"]);
        Assert.Equal(0, StoreState.Count(db, "quarantine"));
        // r4-bundles: 10,848 distinct resources; the bulk export: 7,160, of which none shares a (type, id) with the bundles.
        var byType = CountByType(db);
        Assert.Equal(10_848 + 7_160, byType.Values.Sum());
        Assert.Equal(35 + 13, byType["Patient"]);
        Assert.Equal(35 + 13, StoreState.Count(db, "patients"));
        Assert.Equal(1_115 + 1_215, byType["Encounter"]);
        Assert.Equal(4_754, byType["Observation"]);
        Assert.Equal(1_215, byType["DocumentReference"]);
        Assert.Equal(0, Scalar(db, "SELECT count(*) FROM raw_resources WHERE patient_id IS NULL AND resource_type IN ('Claim','ExplanationOfBenefit','Immunization','DocumentReference','MedicationRequest')"));
    }

    private static Dictionary<string, long> CountByType(string db)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT resource_type, count(*) FROM raw_resources GROUP BY resource_type";
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private static long Scalar(string db, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
