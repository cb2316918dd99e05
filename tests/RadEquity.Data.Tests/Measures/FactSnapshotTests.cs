using Microsoft.EntityFrameworkCore;
using RadEquity.Data.Measures;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Ingest;
using RadEquity.Testing;
using static RadEquity.Data.Tests.Measures.TestValueSets;

namespace RadEquity.Data.Tests.Measures;

/// <summary>The fact snapshot against the fact tables it copies, on SQLite and on PostgreSQL: a load reads it only when
/// it is current, and then reads exactly what the fact tables hold.</summary>
public abstract class FactSnapshotTests(PostgresTestServer? server) : StoreTestBase(server)
{
    private const string East = "eastside-ehr";

    [SkippableFact]
    public async Task Read_RandomFactsAfterIngest_SnapshotGivesTheSameRecordsAsTheFactTables()
    {
        SkipUnlessAvailable();
        await IngestAsync(RandomFacts(seed: 7, patients: 300));

        var fromSnapshot = await PatientRecordReader.ReadAsync(Target, Codes, CancellationToken.None);
        await MarkPendingAsync("pt-0");
        var fromTables = await PatientRecordReader.ReadAsync(Target, Codes, CancellationToken.None);

        Assert.True(fromSnapshot.Summary.FromSnapshot);
        Assert.False(fromTables.Summary.FromSnapshot);
        Assert.Equal(300, fromSnapshot.Patients.Count);
        Assert.Equal(fromTables.Patients.Select(PatientRecordReaderTests.Describe), fromSnapshot.Patients.Select(PatientRecordReaderTests.Describe));
        Assert.Equal(
            (fromTables.Summary.Patients, fromTables.Summary.Coverages, fromTables.Summary.EventsRead, fromTables.Summary.EventsKept),
            (fromSnapshot.Summary.Patients, fromSnapshot.Summary.Coverages, fromSnapshot.Summary.EventsRead, fromSnapshot.Summary.EventsKept));
        Assert.True(fromSnapshot.Summary.EventsKept < fromSnapshot.Summary.EventsRead);
    }

    [SkippableFact]
    public async Task OpenPartitions_CurrentSnapshot_EveryRangeReadsItAndTheyJoinToTheWholeLoad()
    {
        SkipUnlessAvailable();
        await IngestAsync(RandomFacts(seed: 11, patients: 120));
        var whole = await PatientRecordReader.ReadAsync(Target, Codes, CancellationToken.None);

        await using var load = await PatientRecordReader.OpenPartitionsAsync(Target, Codes, PatientSelection.All, 3, 7, 10, CancellationToken.None);
        var batches = new List<PatientRecordBatch>();
        foreach (var partition in load.Partitions)
        {
            batches.AddRange(await partition.ToListAsync());
        }

        Assert.Equal(3, load.Partitions.Count);
        Assert.All(batches, b => Assert.True(b.Summary.FromSnapshot));
        Assert.Equal(whole.Patients.Select(PatientRecordReaderTests.Describe), batches.SelectMany(b => b.Patients).Select(PatientRecordReaderTests.Describe));
    }

    [SkippableFact]
    public async Task FactChange_MarksThePatientPending_LoadsReadTheTablesUntilARefreshWritesIt()
    {
        SkipUnlessAvailable();
        await IngestAsync(RandomFacts(seed: 3, patients: 40));

        await ExecuteAsync("UPDATE patients SET postal_code = '99999' WHERE patient_id = 'pt-5'");
        var stale = await PatientRecordReader.ReadAsync(Target, Codes, CancellationToken.None);
        var refresh = await FactSnapshot.RefreshAsync(Target, CancellationToken.None);
        var fresh = await PatientRecordReader.ReadAsync(Target, Codes, CancellationToken.None);

        Assert.False(stale.Summary.FromSnapshot);
        Assert.Equal("99999", stale.Patients.Single(p => p.PatientId == "pt-5").Patient.PostalCode);
        Assert.False(refresh.Rebuilt);
        Assert.Equal(1, refresh.Patients);
        Assert.True(fresh.Summary.FromSnapshot);
        Assert.Equal(stale.Patients.Select(PatientRecordReaderTests.Describe), fresh.Patients.Select(PatientRecordReaderTests.Describe));
        Assert.False((await FactSnapshot.RefreshAsync(Target, CancellationToken.None)).Rebuilt);
    }

    [SkippableFact]
    public async Task Refresh_FailingBeforeCommit_LeavesTheOldSnapshotAndTheMarks()
    {
        SkipUnlessAvailable();
        await IngestAsync(RandomFacts(seed: 5, patients: 30));
        await ExecuteAsync("DELETE FROM clinical_events WHERE patient_id = 'pt-2'");

        await Assert.ThrowsAsync<InvalidOperationException>(() => FactSnapshot.RefreshAsync(
            Target, () => throw new InvalidOperationException("Simulated crash before commit."), CancellationToken.None));
        var afterCrash = await PatientRecordReader.ReadAsync(Target, Codes, CancellationToken.None);
        await FactSnapshot.RefreshAsync(Target, CancellationToken.None);
        var afterRefresh = await PatientRecordReader.ReadAsync(Target, Codes, CancellationToken.None);

        Assert.False(afterCrash.Summary.FromSnapshot);
        Assert.Empty(afterCrash.Patients.Single(p => p.PatientId == "pt-2").Events);
        Assert.True(afterRefresh.Summary.FromSnapshot);
        Assert.Equal(afterCrash.Patients.Select(PatientRecordReaderTests.Describe), afterRefresh.Patients.Select(PatientRecordReaderTests.Describe));
    }

    [SkippableFact]
    public async Task Ingest_DeletingAPatient_RemovesItsRowWhenTheRunCompletes()
    {
        SkipUnlessAvailable();
        await IngestAsync(RandomFacts(seed: 9, patients: 20));

        await IngestAsync([new DeletedResource(new RecordLocation("export/Patient.ndjson", 1), new ResourceKey(SampleItems.Source, "Patient", "pt-4"))]);
        var loaded = await PatientRecordReader.ReadAsync(Target, Codes, CancellationToken.None);

        Assert.True(loaded.Summary.FromSnapshot);
        Assert.DoesNotContain(loaded.Patients, p => p.Source == SampleItems.Source && p.PatientId == "pt-4");
        Assert.Equal(19, loaded.Patients.Count);
    }

    [SkippableFact]
    public async Task Refresh_RowsOfAnotherFormat_RebuildsEveryRow()
    {
        SkipUnlessAvailable();
        await IngestAsync(RandomFacts(seed: 13, patients: 25));
        var before = await PatientRecordReader.ReadAsync(Target, Codes, CancellationToken.None);

        await ExecuteAsync("UPDATE fact_snapshot_state SET format = 0");
        var stale = await PatientRecordReader.ReadAsync(Target, Codes, CancellationToken.None);
        var refresh = await FactSnapshot.RefreshAsync(Target, CancellationToken.None);
        var after = await PatientRecordReader.ReadAsync(Target, Codes, CancellationToken.None);

        Assert.False(stale.Summary.FromSnapshot);
        Assert.True(refresh.Rebuilt);
        Assert.Equal(25, refresh.Patients);
        Assert.True(after.Summary.FromSnapshot);
        Assert.Equal(before.Patients.Select(PatientRecordReaderTests.Describe), after.Patients.Select(PatientRecordReaderTests.Describe));
    }

    private Task MarkPendingAsync(string patientId) => ExecuteAsync(
        $"INSERT INTO fact_snapshot_pending (source, patient_id) VALUES ('{SampleItems.Source}', '{patientId}')");

    private async Task ExecuteAsync(string sql)
    {
        await using var db = Target.CreateDbContext();
#pragma warning disable EF1002 // Fixed test SQL, no input.
        await db.Database.ExecuteSqlRawAsync(sql);
#pragma warning restore EF1002
    }

    /// <summary>Patients of two sources with every optional value present or null at random, coverages, and events that
    /// classify through their codes, their values, or not at all, with quantities of varied scale and non-ASCII text.</summary>
    private static List<IngestItem> RandomFacts(int seed, int patients)
    {
        var random = new Random(seed);
        Coding[] codes = [BiRadsCode, ScreeningMammogram, OfficeNote, new(Coding.Snomed, "1234567"), new("", "bare"), new(Coding.Loinc, "ü-1")];
        Coding[] values = [BiRadsNegative, BiRadsSuspicious, new(Coding.Snomed, "999")];
        T? Maybe<T>(T value) where T : class => random.Next(3) == 0 ? null : value;
        T? MaybeValue<T>(T value) where T : struct => random.Next(3) == 0 ? null : value;
        Coding[] Some(Coding[] from) => Enumerable.Range(0, random.Next(3)).Select(_ => from[random.Next(from.Length)]).Distinct().ToArray();
        DateTimeOffset At() => new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(random.Next(200_000_000)).AddTicks(random.Next(1_000_000) * 10L);

        var items = new List<IngestItem>();
        for (var i = 0; i < patients; i++)
        {
            var source = i % 7 == 6 ? East : SampleItems.Source;
            var id = i % 13 == 12 ? $"pt-ä{i}" : $"pt-{i}";
            items.Add(PatientRecordReaderTests.Item(source, "Patient", id, new PatientFact(
                id, MaybeValue(new DateOnly(1940, 1, 1).AddDays(random.Next(20_000))), (AdministrativeSex)random.Next(4), Maybe("F"),
                Some([new(Coding.CdcRaceEthnicity, "2054-5"), new(Coding.CdcRaceEthnicity, "2106-3"), new(Coding.CdcRaceEthnicity, "ASKU")]),
                Some([new(Coding.CdcRaceEthnicity, "2186-5")]), Maybe(random.Next(2) == 0 ? "es" : "vi"), random.Next(3) switch { 0 => null, 1 => true, _ => false },
                Maybe($"6{random.Next(10_000):D4}"), Maybe("IL"), MaybeValue(41 + random.NextDouble()), MaybeValue(-87 - random.NextDouble()),
                random.Next(10) == 0 ? new DateOnly(2024, 3, 1) : null)));
            for (var c = random.Next(3); c > 0; c--)
            {
                items.Add(PatientRecordReaderTests.Item(source, "Coverage", $"cov-{i}-{c}", new CoverageFact(
                    id, (PayerCategory)random.Next(6), Some([new(Coding.PaymentTypology, "2"), new(Coding.PaymentTypology, "81")]), Maybe("active"),
                    MaybeValue(new DateOnly(2022, 1, 1).AddDays(random.Next(900))), MaybeValue(new DateOnly(2025, 1, 1).AddDays(random.Next(900))),
                    Maybe("Payer ñ " + random.Next(4)))));
            }

            for (var e = random.Next(9); e > 0; e--)
            {
                var start = MaybeValue(At());
                var quantity = random.Next(3) == 0 ? (decimal?)null : decimal.Round((decimal)(random.NextDouble() * 100), random.Next(4));
                items.Add(PatientRecordReaderTests.Item(source, "Observation", $"ev-{i}-{e}-ß", new ClinicalEvent(
                    id, (EventKind)random.Next(8), Some(codes), Some([new("http://terminology.hl7.org/CodeSystem/observation-category", "imaging")]),
                    Maybe(random.Next(2) == 0 ? "final" : "cancelled"), start, start is { } s && random.Next(2) == 0 ? s.AddHours(random.Next(5000)) : null,
                    Some(values), quantity, quantity is null ? null : Maybe("{score}"), Some([new(Coding.Snomed, "80248007")]), Maybe("loc-" + random.Next(3)),
                    random.Next(4) == 0 ? $"req-{i}-{e}" : null)));
            }
        }

        return items;
    }
}

public sealed class SqliteFactSnapshotTests() : FactSnapshotTests(null);

[Collection(PostgresTestGroup.Name)]
public sealed class PostgresFactSnapshotTests(PostgresTestServer server) : FactSnapshotTests(server);
