using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data.Measures;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Ingest;
using RadEquity.Testing;
using Xunit.Abstractions;

namespace RadEquity.Data.Tests.Ingest;

/// <summary>
/// 100,000 fact-bearing resources through each sink. Times are written to the test output, never asserted
/// (run with <c>--logger "console;verbosity=detailed"</c> to see them).
/// </summary>
public abstract class BulkIngestTests(PostgresTestServer? server, ITestOutputHelper output) : StoreTestBase(server)
{
    private const int BatchSize = 5_000;

    [SkippableFact]
    public async Task WriteBatch_HundredThousandFactItems_StoresEveryOne()
    {
        SkipUnlessAvailable();
        var items = Generate(patients: 20_000, eventsPerPatient: 4);

        var (first, firstTime) = await WriteAllAsync(items);
        var (again, againTime) = await WriteAllAsync(items);

        output.WriteLine(Invariant($"{Target.Provider}: {items.Count:N0} new items in {firstTime.TotalSeconds:F2} s = {items.Count / firstTime.TotalSeconds:N0} items/s; unchanged re-run {againTime.TotalSeconds:F2} s = {items.Count / againTime.TotalSeconds:N0} items/s"));
        Assert.Equal(new BatchResult(100_000, 0, 0, 0, 0), first);
        Assert.Equal(new BatchResult(0, 0, 100_000, 0, 0), again);
        await using var db = Target.CreateDbContext();
        Assert.Equal(20_000, await db.Patients.CountAsync());
        Assert.Equal(80_000, await db.ClinicalEvents.CountAsync());
        Assert.Equal(100_000, await db.RawResources.CountAsync());
    }

    /// <summary>A larger run for throughput numbers; skipped unless <c>RADEQUITY_BENCHMARK=1</c>.</summary>
    [SkippableFact]
    [Trait("Category", "Benchmark")]
    public async Task WriteBatch_Benchmark_ReportsThroughput()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("RADEQUITY_BENCHMARK") == "1", "Benchmark: set RADEQUITY_BENCHMARK=1.");
        SkipUnlessAvailable();
        var items = Generate(patients: 50_000, eventsPerPatient: 4);

        var (_, insert) = await WriteAllAsync(items);
        var build = await FactSnapshot.RefreshAsync(Target, CancellationToken.None);
        var (_, unchanged) = await WriteAllAsync(items);
        var updates = items.Cast<ProjectedResource>().Select(p => p with { VersionId = "2", RawJson = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(p.RawJson.Span).Replace("\"final\"", "\"amended\"", StringComparison.Ordinal).Replace("\"1\"", "\"2\"", StringComparison.Ordinal)) }).ToArray();
        var (updated, update) = await WriteAllAsync(updates);
        var refresh = await FactSnapshot.RefreshAsync(Target, CancellationToken.None);

        foreach (var (label, time) in new[] { ("insert", insert), ("unchanged", unchanged), ("update", update) })
        {
            output.WriteLine(Invariant($"{Target.Provider} {label}: {items.Count:N0} items, batch {BatchSize:N0}: {time.TotalSeconds:F2} s = {items.Count / time.TotalSeconds:N0} items/s"));
        }

        output.WriteLine(Invariant($"{Target.Provider} fact snapshot: built for {build.Patients:N0} patients in {build.Elapsed.TotalSeconds:F2} s; after the update, {(refresh.Rebuilt ? "rebuilt" : "updated")} {refresh.Patients:N0} in {refresh.Elapsed.TotalSeconds:F2} s"));
        Assert.Equal(items.Count, updated.Updated + updated.Unchanged);
    }

    private async Task<(BatchResult Result, TimeSpan Elapsed)> WriteAllAsync(IReadOnlyList<IngestItem> items)
    {
        var runId = await Sink.BeginRunAsync("bulk", ["synthetic"], Clock.Now, CancellationToken.None);
        var total = default(BatchResult);
        var stopwatch = Stopwatch.StartNew();
        foreach (var batch in items.Chunk(BatchSize))
        {
            total += await Sink.WriteBatchAsync(runId, batch, CancellationToken.None);
        }

        stopwatch.Stop();
        return (total, stopwatch.Elapsed);
    }

    private static List<IngestItem> Generate(int patients, int eventsPerPatient)
    {
        var items = new List<IngestItem>(patients * (eventsPerPatient + 1));
        var start = new DateTimeOffset(2024, 1, 2, 8, 0, 0, TimeSpan.FromHours(-6));
        for (var p = 0; p < patients; p++)
        {
            var patientId = Invariant($"pt-{p:D7}");
            items.Add(SampleItems.Patient(patientId, postalCode: Invariant($"606{p % 100:D2}")));
            for (var e = 0; e < eventsPerPatient; e++)
            {
                var id = Invariant($"obs-{p:D7}-{e}");
                var when = start.AddHours((p * 7) + (e * 24 * 90));
                var json = Invariant(
                    $$$"""{"resourceType":"Observation","id":"{{{id}}}","meta":{"versionId":"1"},"status":"final","category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"imaging"}]}],"code":{"coding":[{"system":"http://loinc.org","code":"24606-6"}]},"subject":{"reference":"Patient/{{{patientId}}}"},"effectiveDateTime":"{{{when:O}}}","valueCodeableConcept":{"coding":[{"system":"http://loinc.org","code":"LA6576-8"}]}}""");
                items.Add(new ProjectedResource(
                    new RecordLocation("bulk/Observation.ndjson", items.Count + 1), new ResourceKey("bulk", "Observation", id), "1", when,
                    Encoding.UTF8.GetBytes(json),
                    new ClinicalEvent(
                        patientId, EventKind.Observation, [new Coding(Coding.Loinc, "24606-6")],
                        [new Coding("http://terminology.hl7.org/CodeSystem/observation-category", "imaging")], "final", when, when,
                        [new Coding(Coding.Loinc, "LA6576-8")], null, null, [], "loc-south", null)));
            }
        }

        return items.Select(i => i is ProjectedResource { Key.ResourceType: "Patient" } patient
            ? patient with { Key = patient.Key with { Source = "bulk" } }
            : i).ToList();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

public sealed class SqliteBulkIngestTests(ITestOutputHelper output) : BulkIngestTests(null, output);

[Collection(PostgresTestGroup.Name)]
public sealed class PostgresBulkIngestTests(PostgresTestServer server, ITestOutputHelper output) : BulkIngestTests(server, output);
