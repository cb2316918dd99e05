using System.Globalization;
using System.Text;
using RadEquity.Data.Ingest;
using RadEquity.Data.Measures;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Ingest;
using RadEquity.Engine.Measures;
using RadEquity.Testing;
using static RadEquity.Data.Tests.Measures.TestValueSets;

namespace RadEquity.Data.Tests.Measures;

/// <summary>Facts ingested through the real sink and read back as patient records; each test runs on SQLite and on
/// PostgreSQL (the subclasses below).</summary>
public abstract class PatientRecordReaderTests(PostgresTestServer? server) : StoreTestBase(server)
{
    private const string North = SampleItems.Source;
    private const string East = "eastside-ehr";
    private static readonly DateTimeOffset Evening = new(2024, 12, 31, 21, 30, 0, TimeSpan.FromHours(-5));
    private static readonly Coding Imaging = new("http://terminology.hl7.org/CodeSystem/observation-category", "imaging");

    /// <summary>Two sources sharing a patient id, a patient with nothing but demographics, events that classify through
    /// their codes, through their value only, or not at all, and an event whose patient was never loaded.</summary>
    private static readonly (string Source, string Type, string Id, Fact Fact)[] Facts =
    [
        (North, "Patient", "pt-1", Patient("pt-1", "60617")),
        (North, "Coverage", "cov-1", new CoverageFact("pt-1", PayerCategory.Medicaid, [new Coding(Coding.PaymentTypology, "2")], "active", new DateOnly(2024, 1, 1), null, "Illinois Medicaid")),
        (North, "Coverage", "cov-1b", new CoverageFact("pt-1", PayerCategory.Medicare, [new Coding(Coding.PaymentTypology, "1")], null, null, new DateOnly(2023, 12, 31), null)),
        (North, "Observation", "obs-1", Event("pt-1", EventKind.Observation, [BiRadsCode], [BiRadsNegative], Evening, 2.5m)),
        (North, "Observation", "obs-1b", Event("pt-1", EventKind.Observation, [BiRadsCode], [BiRadsSuspicious], Evening.AddDays(-200), 3m)),
        (North, "DiagnosticReport", "dr-1", Event("pt-1", EventKind.DiagnosticReport, [OfficeNote], [BiRadsSuspicious], Evening.AddDays(-199), null)),
        (North, "Encounter", "enc-1", Event("pt-1", EventKind.Encounter, [OfficeNote], [], Evening.AddDays(-10), null)),
        (North, "Procedure", "proc-1", Event("pt-1", EventKind.Procedure, [ScreeningMammogram, OfficeNote], [], null, null)),
        (North, "Patient", "pt-2", Patient("pt-2", null)),
        (North, "Observation", "obs-ghost", Event("pt-ghost", EventKind.Observation, [BiRadsCode], [BiRadsNegative], Evening, null)),
        (North, "Observation", "obs-orphan", Event("pt-15", EventKind.Observation, [BiRadsCode], [BiRadsNegative], Evening, null)),
        (North, "Coverage", "cov-orphan", new CoverageFact("pt-0", PayerCategory.Private, [], "active", null, null, null)),
        // Ids whose order differs between code points and linguistic collations (case, non-ASCII).
        (North, "Patient", "PT-3", Patient("PT-3", "60601")),
        (North, "Procedure", "proc-3", Event("PT-3", EventKind.Procedure, [ScreeningMammogram], [], Evening.AddDays(-3), null)),
        (North, "Patient", "pt-ä", Patient("pt-ä", "60602")),
        (North, "ImagingStudy", "img-ä", Event("pt-ä", EventKind.ImagingStudy, [ScreeningMammogram], [], Evening.AddDays(-4), null)),
        (East, "Patient", "pt-1", Patient("pt-1", "60619") with { Sex = AdministrativeSex.Unknown, RaceCodes = [] }),
        (East, "Procedure", "proc-9", Event("pt-1", EventKind.Procedure, [ScreeningMammogram], [], Evening.AddDays(-30), null)),
    ];

    [SkippableFact]
    public async Task Read_IngestedFacts_EqualRecordsBuiltInMemoryFromTheSameFacts()
    {
        SkipUnlessAvailable();
        await IngestFactsAsync();

        var loaded = await PatientRecordReader.ReadAsync(Target, Codes, CancellationToken.None);

        var expected = InMemoryRecords(PatientSelection.All);
        Assert.Equal(expected.Select(Describe), loaded.Patients.Select(Describe));
        // Code-point order of (source, id) on both providers.
        Assert.Equal(
            [(East, "pt-1"), (North, "PT-3"), (North, "pt-1"), (North, "pt-2"), (North, "pt-ä")],
            loaded.Patients.Select(p => (p.Source, p.PatientId)));
    }

    [SkippableFact]
    public async Task Read_IngestedFacts_DropsUnclassifiedAndOrphanEventsAndKeepsBarePatients()
    {
        SkipUnlessAvailable();
        await IngestFactsAsync();

        var loaded = await PatientRecordReader.ReadAsync(Target, Codes, CancellationToken.None);

        var north = loaded.Patients.Single(p => p.Source == North && p.PatientId == "pt-1");
        Assert.Equal(["DiagnosticReport/dr-1", "Observation/obs-1", "Observation/obs-1b", "Procedure/proc-1"], north.Events.Select(e => e.Reference).Order(StringComparer.Ordinal));
        var bare = loaded.Patients.Single(p => p.PatientId == "pt-2");
        Assert.Empty(bare.Events);
        Assert.Empty(bare.Coverages);
        Assert.Equal((5L, 2L, 8L, 7L), (loaded.Summary.Patients, loaded.Summary.Coverages, loaded.Summary.EventsRead, loaded.Summary.EventsKept));
        Assert.True(loaded.Summary.Elapsed > TimeSpan.Zero);
    }

    [SkippableFact]
    public async Task Read_EventTimes_ComeBackInUtcAsTheSameInstants()
    {
        SkipUnlessAvailable();
        await IngestFactsAsync();

        var loaded = await PatientRecordReader.ReadAsync(Target, Codes, CancellationToken.None);

        var evening = loaded.Patients.SelectMany(p => p.Events).Single(e => e.ResourceId == "obs-1");
        Assert.Equal(Evening, evening.Event.Start);
        Assert.Equal(TimeSpan.Zero, evening.Event.Start!.Value.Offset);
        // The store keeps UTC only, so the event's calendar day is the UTC one (docs/adr/0001-storage.md).
        Assert.Equal(new DateOnly(2025, 1, 1), evening.StartDay);
        Assert.Null(loaded.Patients.SelectMany(p => p.Events).Single(e => e.ResourceId == "proc-1").Event.Start);
    }

    [SkippableFact]
    public async Task Read_RepeatedCodeText_SharesOneParsedList()
    {
        SkipUnlessAvailable();
        await IngestFactsAsync();

        var loaded = await PatientRecordReader.ReadAsync(Target, Codes, CancellationToken.None);

        var events = loaded.Patients.SelectMany(p => p.Events).Where(e => e.ResourceType == "Observation").ToList();
        Assert.Equal(2, events.Count);
        Assert.Same(events[0].Event.Codes, events[1].Event.Codes);
        Assert.Same(events[0].Event.Status, events[1].Event.Status);
    }

    [SkippableFact]
    public async Task Read_OneSource_ReadsOnlyThatSourcesPatients()
    {
        SkipUnlessAvailable();
        await IngestFactsAsync();

        var loaded = await PatientRecordReader.ReadAsync(Target, Codes, new PatientSelection(source: East), CancellationToken.None);

        Assert.Equal(InMemoryRecords(new PatientSelection(source: East)).Select(Describe), loaded.Patients.Select(Describe));
        Assert.Equal(["Procedure/proc-9"], loaded.Patients.Single().Events.Select(e => e.Reference));
    }

    [SkippableFact]
    public async Task Read_EveryPartition_TogetherReadEachPatientOnce()
    {
        SkipUnlessAvailable();
        var items = new List<IngestItem>();
        for (var i = 0; i < 40; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"pt-{i:D3}");
            items.Add(Item(North, "Patient", id, Patient(id, "60617")));
            items.Add(Item(North, "Observation", "obs-" + id, Event(id, EventKind.Observation, [BiRadsCode], [BiRadsNegative], Evening, null)));
        }

        await IngestAsync(items);

        var parts = new List<PatientRecordBatch>();
        for (var partition = 0; partition < 3; partition++)
        {
            parts.Add(await PatientRecordReader.ReadAsync(Target, Codes, new PatientSelection(partition: partition, partitionCount: 3), CancellationToken.None));
        }

        var all = await PatientRecordReader.ReadAsync(Target, Codes, CancellationToken.None);
        Assert.Equal(all.Patients.Select(Describe), parts.SelectMany(p => p.Patients).Select(Describe).Order(StringComparer.Ordinal));
        Assert.All(parts, p => Assert.InRange(p.Patients.Count, 1, 39));
        for (var partition = 0; partition < 3; partition++)
        {
            Assert.All(parts[partition].Patients, p => Assert.Equal(partition, PatientSelection.PartitionOf(p.PatientId, 3)));
            Assert.Equal((long)parts[partition].Patients.Count, parts[partition].Summary.EventsKept);
        }
    }

    [SkippableFact]
    public async Task OpenPartitions_ThreeKeyRanges_ConcatenateToTheWholeLoadInOrder()
    {
        SkipUnlessAvailable();
        await IngestFactsAsync();

        await using var load = await PatientRecordReader.OpenPartitionsAsync(Target, Codes, PatientSelection.All, 3, 1, 1, CancellationToken.None);
        // Read concurrently, as the store evaluation does.
        var parts = await Task.WhenAll(load.Partitions.Select(p => Task.Run(() => CollectAsync(p))));

        Assert.Equal(3, load.Partitions.Count);
        Assert.All(parts, p => Assert.NotEmpty(p));
        Assert.Equal(InMemoryRecords(PatientSelection.All).Select(Describe), parts.SelectMany(p => p).Select(Describe));
    }

    [SkippableFact]
    public async Task OpenPartitions_OneSource_SplitsOnlyThatSource()
    {
        SkipUnlessAvailable();
        await IngestFactsAsync();

        await using var load = await PatientRecordReader.OpenPartitionsAsync(Target, Codes, new PatientSelection(source: North), 2, 1, 1,
            CancellationToken.None);
        var parts = new List<List<PatientRecord>>();
        foreach (var partition in load.Partitions)
        {
            parts.Add(await CollectAsync(partition));
        }

        Assert.Equal(2, parts.Count);
        Assert.Equal(InMemoryRecords(new PatientSelection(source: North)).Select(Describe), parts.SelectMany(p => p).Select(Describe));
    }

    [SkippableFact]
    public async Task OpenPartitions_FewPatients_UsesFewerRanges()
    {
        SkipUnlessAvailable();
        await IngestFactsAsync();

        await using var load = await PatientRecordReader.OpenPartitionsAsync(Target, Codes, PatientSelection.All, 4, 10, 3, CancellationToken.None);

        // Five patients, at least three per range.
        Assert.Single(load.Partitions);
        Assert.Equal(5, (await CollectAsync(load.Partitions[0])).Count);
    }

    [SkippableFact]
    public async Task OpenPartitions_WriteCommittedAfterOpening_IsSeenByNoRange()
    {
        SkipUnlessAvailable();
        await IngestFactsAsync();

        await using var load = await PatientRecordReader.OpenPartitionsAsync(Target, Codes, PatientSelection.All, 2, 1, 1, CancellationToken.None);
        // A patient that sorts last, and an event for the first one: each range would see one if it read a later snapshot.
        await IngestAsync([
            Item(North, "Patient", "zz-late", Patient("zz-late", "60617")),
            Item(East, "Procedure", "proc-late", Event("pt-1", EventKind.Procedure, [ScreeningMammogram], [], Evening, null)),
        ]);
        var parts = new List<List<PatientRecord>>();
        foreach (var partition in load.Partitions)
        {
            parts.Add(await CollectAsync(partition));
        }

        Assert.Equal(InMemoryRecords(PatientSelection.All).Select(Describe), parts.SelectMany(p => p).Select(Describe));
    }

    private static async Task<List<PatientRecord>> CollectAsync(IAsyncEnumerable<PatientRecordBatch> batches)
    {
        var patients = new List<PatientRecord>();
        await foreach (var batch in batches)
        {
            patients.AddRange(batch.Patients);
        }

        return patients;
    }

    [SkippableFact]
    public async Task ReadBatches_BatchesOfTwo_StreamsEveryPatientWithRunningTotals()
    {
        SkipUnlessAvailable();
        await IngestFactsAsync();

        var batches = new List<PatientRecordBatch>();
        await foreach (var batch in PatientRecordReader.ReadBatchesAsync(Target, Codes, PatientSelection.All, 2, CancellationToken.None))
        {
            batches.Add(batch);
        }

        Assert.Equal([2, 2, 1], batches.Select(b => b.Patients.Count));
        Assert.Equal([2L, 4L, 5L], batches.Select(b => b.Summary.Patients));
        Assert.Equal(InMemoryRecords(PatientSelection.All).Select(Describe), batches.SelectMany(b => b.Patients).Select(Describe));
        Assert.Equal(7, batches[^1].Summary.EventsKept);
    }

    [SkippableFact]
    public async Task Read_EmptyStore_ReturnsNoPatients()
    {
        SkipUnlessAvailable();

        var loaded = await PatientRecordReader.ReadAsync(Target, Codes, CancellationToken.None);
        var batches = await PatientRecordReader.ReadBatchesAsync(Target, Codes, PatientSelection.All, 10, CancellationToken.None).ToListAsync();

        Assert.Empty(loaded.Patients);
        Assert.Empty(Assert.Single(batches).Patients);
        Assert.Equal((0L, 0L, 0L), (loaded.Summary.Patients, loaded.Summary.EventsRead, loaded.Summary.EventsKept));
    }

    private async Task IngestFactsAsync() => await IngestAsync(Facts.Select(f => (IngestItem)Item(f.Source, f.Type, f.Id, f.Fact)).ToList());

    /// <summary>The records the engine's in-memory grouping builds from the selected <see cref="Facts"/>, without the
    /// events no value set matches (which the reader drops).</summary>
    private static List<PatientRecord> InMemoryRecords(PatientSelection selection)
    {
        var set = new PatientRecordSet(Codes);
        foreach (var (source, type, id, fact) in Facts.Where(f => selection.Source is null || f.Source == selection.Source))
        {
            set.Add(new ResourceKey(source, type, id), fact);
        }

        return set.ToRecords()
            .Where(r => selection.Contains(r.PatientId))
            .Select(r => new PatientRecord(r.Source, r.Patient, r.Coverages, r.Events.Where(e => !e.Codes.IsEmpty || !e.Values.IsEmpty).ToList()))
            .ToList();
    }

    /// <summary>Every value of a record as text (codings as stored text, times as UTC instants, masks as bits), events
    /// and coverages in a fixed order: equal texts mean the same facts and the same classification.</summary>
    internal static string Describe(PatientRecord record)
    {
        var lines = new List<string> { $"{record.Source} {record.PatientId}: {Values(record.Patient)}" };
        lines.AddRange(record.Coverages.Select(c => "  coverage " + Values(c)).Order(StringComparer.Ordinal));
        lines.AddRange(record.Events
            .Select(e => string.Create(CultureInfo.InvariantCulture, $"  {e.Reference} codes={e.Codes.Bits} values={e.Values.Bits}: {Values(e.Event)}"))
            .Order(StringComparer.Ordinal));
        return string.Join('\n', lines);
    }

    private static string Values(Fact fact) => string.Join(" | ", FactTable.For(fact).Values(fact).Select(v => v switch
    {
        null => "null",
        DateTimeOffset t => t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        decimal d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString(),
    }));

    private static PatientFact Patient(string id, string? postalCode) => new(
        id, new DateOnly(1961, 7, 14), AdministrativeSex.Female, "F", [new Coding(Coding.CdcRaceEthnicity, "2054-5")],
        [new Coding(Coding.CdcRaceEthnicity, "2186-5")], "es", true, postalCode, postalCode is null ? null : "IL", 41.7266, null, null);

    private static ClinicalEvent Event(string patientId, EventKind kind, Coding[] codes, Coding[] values, DateTimeOffset? at, decimal? quantity) => new(
        patientId, kind, codes, [Imaging], "final", at, at?.AddMinutes(20), values, quantity, quantity is null ? null : "{score}",
        [new Coding(Coding.Snomed, "80248007")], "loc-south", null);

    internal static ProjectedResource Item(string source, string type, string id, Fact fact) => new(
        new RecordLocation($"export/{type}.ndjson", 1), new ResourceKey(source, type, id), "1", SampleItems.Updated,
        Encoding.UTF8.GetBytes($$"""{"resourceType":"{{type}}","id":"{{id}}","source":"{{source}}"}"""), fact);
}

public sealed class SqlitePatientRecordReaderTests() : PatientRecordReaderTests(null);

[Collection(PostgresTestGroup.Name)]
public sealed class PostgresPatientRecordReaderTests(PostgresTestServer server) : PatientRecordReaderTests(server);
