using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data.Ingest;
using RadEquity.Data.Model;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Ingest;
using RadEquity.Testing;
using static RadEquity.Data.Tests.SampleItems;

namespace RadEquity.Data.Tests.Ingest;

/// <summary>The sink semantics; each test runs on SQLite and on PostgreSQL (the subclasses below).</summary>
public abstract class IngestSinkTests(PostgresTestServer? server) : StoreTestBase(server)
{
    [SkippableFact]
    public async Task WriteBatch_NewRecord_InsertsRawAndEveryFact()
    {
        SkipUnlessAvailable();

        var result = await IngestAsync(PatientRecord("pt-1001"));

        Assert.Equal(new BatchResult(6, 0, 0, 0, 1), result);
        await using var db = Target.CreateDbContext();
        var patient = await db.Patients.SingleAsync();
        Assert.Equal(("pt-1001", "Patient", "pt-1001"), (patient.ResourceId, patient.ResourceType, patient.PatientId));
        Assert.Equal(new DateOnly(1961, 7, 14), patient.BirthDate);
        Assert.Equal("Female", patient.Sex);
        Assert.Equal("urn:oid:2.16.840.1.113883.6.238|2054-5", patient.RaceCodes);
        Assert.Equal((true, 41.7266, "60617"), (patient.NeedsInterpreter!.Value, patient.Latitude!.Value, patient.PostalCode!));
        Assert.Null(patient.DeceasedDate);

        var coverage = await db.Coverages.SingleAsync();
        Assert.Equal(("Medicaid", new DateOnly(2024, 1, 1), "pt-1001"), (coverage.Category, coverage.StartDate!.Value, coverage.PatientId));
        Assert.Null(coverage.EndDate);

        var observation = await db.ClinicalEvents.SingleAsync();
        Assert.Equal("Observation", observation.Kind);
        Assert.Equal("http://loinc.org|24606-6", observation.Codes);
        Assert.Equal("http://loinc.org|LA6576-8", observation.ValueCodes);
        Assert.Equal(2.5m, observation.ValueQuantity);
        Assert.Equal(new DateTimeOffset(2024, 10, 2, 19, 20, 0, TimeSpan.Zero), observation.StartsAt);
        Assert.Equal(TimeSpan.Zero, observation.StartsAt!.Value.Offset);

        var appointment = await db.Appointments.SingleAsync();
        Assert.Equal(new DateTimeOffset(2025, 1, 6, 22, 2, 11, 500, TimeSpan.Zero), appointment.CreatedAt);
        Assert.Equal("noshow", appointment.Status);

        var site = await db.Sites.SingleAsync();
        Assert.Equal(("loc-south", true, "org-northside"), (site.LocationId, site.IsMobile, site.OrganizationId!));

        var raw = await db.RawResources.OrderBy(r => r.ResourceType).ToListAsync();
        Assert.Equal(["Appointment", "Claim", "Coverage", "Location", "Observation", "Patient"], raw.Select(r => r.ResourceType));
        // A Claim has no fact, so the contract gives the sink no patient for it.
        Assert.Equal(["pt-1001", null, "pt-1001", null, "pt-1001", "pt-1001"], raw.Select(r => r.PatientId));
        Assert.All(raw, r => Assert.Equal(Clock.Now, r.IngestedAt));
        Assert.Equal(1, await db.Quarantine.CountAsync());
    }

    [SkippableFact]
    public async Task WriteBatch_EveryFactKind_ReadsBackAsTheSameFact()
    {
        SkipUnlessAvailable();
        var items = PatientRecord("pt-1001").OfType<ProjectedResource>().Where(p => p.Fact is not null).ToList();

        await IngestAsync(items);

        await using var db = Target.CreateDbContext();
        Fact[] stored =
        [
            (await db.Patients.SingleAsync()).ToFact(), (await db.Coverages.SingleAsync()).ToFact(),
            (await db.ClinicalEvents.SingleAsync()).ToFact(), (await db.Appointments.SingleAsync()).ToFact(),
            (await db.Sites.SingleAsync()).ToFact(),
        ];
        Assert.Equal(items.Count, stored.Length);
        foreach (var (expected, actual) in items.Select(p => p.Fact!).Zip(stored))
        {
            // Column values compare codings as text and timestamps as instants (stored in UTC).
            Assert.Equal(FactTable.For(expected).Values(expected), FactTable.For(actual).Values(actual));
        }
    }

    [SkippableFact]
    public async Task WriteBatch_SameItemsAgain_AllUnchangedAndStoreIdentical()
    {
        SkipUnlessAvailable();
        var runId = await Sink.BeginRunAsync(Source, ["export/"], Clock.Now, CancellationToken.None);
        await Sink.WriteBatchAsync(runId, PatientRecord(), CancellationToken.None);
        var before = await StoreDump.ReadAsync(Target);
        Clock.Now = Clock.Now.AddHours(1);

        var again = await Sink.WriteBatchAsync(runId, PatientRecord(), CancellationToken.None);

        Assert.Equal(new BatchResult(0, 0, 6, 0, 1), again);
        var after = await StoreDump.ReadAsync(Target);
        foreach (var table in StoreDump.Tables.Except(["quarantine", "ingest_runs"]))
        {
            Assert.Equal(before[table], after[table]);
        }

        Assert.Single(after["quarantine"]);
    }

    [SkippableFact]
    public async Task WriteBatch_NewerVersion_ReplacesFact()
    {
        SkipUnlessAvailable();
        await IngestAsync([BiRads("obs-1", "pt-1", version: "1", biRads: "LA6576-8")]);

        var result = await IngestAsync([BiRads("obs-1", "pt-1", version: "2", biRads: "LA6577-6", density: null)]);

        Assert.Equal(new BatchResult(0, 1, 0, 0, 0), result);
        await using var db = Target.CreateDbContext();
        var observation = await db.ClinicalEvents.SingleAsync();
        Assert.Equal("http://loinc.org|LA6577-6", observation.ValueCodes);
        Assert.Null(observation.ValueQuantity);
        Assert.Equal("2", (await db.RawResources.SingleAsync()).VersionId);
    }

    [SkippableFact]
    public async Task WriteBatch_NewerVersionWithoutFact_RemovesOldFact()
    {
        SkipUnlessAvailable();
        await IngestAsync([BiRads("obs-1", "pt-1", version: "1", biRads: "LA6576-8"), BiRads("obs-2", "pt-1", version: "1", biRads: "LA6576-8")]);
        var unprojectable = BiRads("obs-1", "pt-1", version: "2", biRads: "LA6577-6");

        var result = await IngestAsync([unprojectable with { Fact = null, PatientId = "pt-1" }]);

        Assert.Equal(new BatchResult(0, 1, 0, 0, 0), result);
        await using var db = Target.CreateDbContext();
        Assert.Equal(["obs-2"], await db.ClinicalEvents.Select(e => e.ResourceId).ToListAsync());
        Assert.Equal([("obs-1", "2"), ("obs-2", "1")], (await db.RawResources.OrderBy(r => r.ResourceId).ToListAsync()).Select(r => (r.ResourceId, r.VersionId)));
    }

    [SkippableFact]
    public async Task WriteBatch_OlderVersionId_IsIgnoredEvenWithLaterLastUpdated()
    {
        SkipUnlessAvailable();
        await IngestAsync([BiRads("obs-1", "pt-1", version: "3", biRads: "LA6576-8")]);

        var result = await IngestAsync([BiRads("obs-1", "pt-1", version: "2", biRads: "LA6577-6", lastUpdated: Updated.AddDays(30))]);

        Assert.Equal(new BatchResult(0, 0, 1, 0, 0), result);
        await using var db = Target.CreateDbContext();
        Assert.Equal("http://loinc.org|LA6576-8", (await db.ClinicalEvents.SingleAsync()).ValueCodes);
        Assert.Equal("3", (await db.RawResources.SingleAsync()).VersionId);
    }

    [SkippableFact]
    public async Task WriteBatch_NoVersionId_LastUpdatedDecides()
    {
        SkipUnlessAvailable();
        await IngestAsync([BiRads("obs-1", "pt-1", version: null, biRads: "LA6576-8")]);

        var older = await IngestAsync([BiRads("obs-1", "pt-1", version: null, biRads: "LA6577-6", lastUpdated: Updated.AddDays(-1))]);
        var newer = await IngestAsync([BiRads("obs-1", "pt-1", version: null, biRads: "LA6578-4", lastUpdated: Updated.AddSeconds(1))]);

        Assert.Equal(new BatchResult(0, 0, 1, 0, 0), older);
        Assert.Equal(new BatchResult(0, 1, 0, 0, 0), newer);
        await using var db = Target.CreateDbContext();
        Assert.Equal("http://loinc.org|LA6578-4", (await db.ClinicalEvents.SingleAsync()).ValueCodes);
        Assert.Equal(Updated.AddSeconds(1), (await db.RawResources.SingleAsync()).LastUpdated);
    }

    [SkippableFact]
    public async Task WriteBatch_Delete_RemovesRawAndFactsOnlyOfThatResource()
    {
        SkipUnlessAvailable();
        await IngestAsync(PatientRecord());

        var result = await IngestAsync([Delete("Observation", "obs-pt-1001"), Delete("Patient", "pt-1001")]);
        var again = await IngestAsync([Delete("Observation", "obs-pt-1001")]);

        Assert.Equal(new BatchResult(0, 0, 0, 2, 0), result);
        Assert.Equal(new BatchResult(0, 0, 1, 0, 0), again);
        await using var db = Target.CreateDbContext();
        Assert.Equal(0, await db.Patients.CountAsync());
        Assert.Equal(0, await db.ClinicalEvents.CountAsync());
        Assert.Equal(1, await db.Coverages.CountAsync());
        Assert.Equal(["Appointment", "Claim", "Coverage", "Location"], await db.RawResources.OrderBy(r => r.ResourceType).Select(r => r.ResourceType).ToListAsync());
    }

    [SkippableFact]
    public async Task WriteBatch_DuplicateKeyInBatch_LastOneWins()
    {
        SkipUnlessAvailable();

        var result = await IngestAsync([BiRads("obs-1", "pt-1", version: "1", biRads: "LA6576-8"), BiRads("obs-1", "pt-1", version: "2", biRads: "LA6577-6")]);

        Assert.Equal(new BatchResult(1, 0, 1, 0, 0), result);
        await using var db = Target.CreateDbContext();
        Assert.Equal("http://loinc.org|LA6577-6", (await db.ClinicalEvents.SingleAsync()).ValueCodes);
        Assert.Equal("2", (await db.RawResources.SingleAsync()).VersionId);
    }

    [SkippableFact]
    public async Task WriteBatch_DuplicateKeyInBatchOlderVersionLast_KeepsNewer()
    {
        SkipUnlessAvailable();

        var result = await IngestAsync([BiRads("obs-1", "pt-1", version: "7", biRads: "LA6577-6"), BiRads("obs-1", "pt-1", version: "6", biRads: "LA6576-8")]);

        Assert.Equal(new BatchResult(1, 0, 1, 0, 0), result);
        await using var db = Target.CreateDbContext();
        Assert.Equal("http://loinc.org|LA6577-6", (await db.ClinicalEvents.SingleAsync()).ValueCodes);
    }

    [SkippableFact]
    public async Task WriteBatch_DeleteAfterResourceInSameBatch_StoresNothing()
    {
        SkipUnlessAvailable();

        var result = await IngestAsync([Patient("pt-9"), Delete("Patient", "pt-9")]);

        Assert.Equal(new BatchResult(0, 0, 2, 0, 0), result);
        await using var db = Target.CreateDbContext();
        Assert.Equal(0, await db.RawResources.CountAsync());
        Assert.Equal(0, await db.Patients.CountAsync());
    }

    [SkippableFact]
    public async Task WriteBatch_QuarantineRerun_NotDuplicated()
    {
        SkipUnlessAvailable();
        var first = await Sink.BeginRunAsync(Source, ["export/"], Clock.Now, CancellationToken.None);
        await Sink.WriteBatchAsync(first, [Quarantined(17), Quarantined(18)], CancellationToken.None);
        var second = await Sink.BeginRunAsync(Source, ["export/"], Clock.Now, CancellationToken.None);

        var result = await Sink.WriteBatchAsync(second, [Quarantined(17), Quarantined(18, "gender 'F' is not a FHIR administrative gender")], CancellationToken.None);

        Assert.Equal(2, result.Quarantined);
        await using var db = Target.CreateDbContext();
        var rows = await db.Quarantine.OrderBy(q => q.Line).ToListAsync();
        Assert.Equal([17L, 18L], rows.Select(q => q.Line));
        Assert.All(rows, q => Assert.Equal(second, q.RunId));
        Assert.Equal("gender 'F' is not a FHIR administrative gender", rows[1].Reason);
        Assert.Equal(("export/Patient.ndjson", "birthDate", "pt-bad-17"), (rows[0].File, rows[0].Field!, rows[0].ResourceId!));
    }

    [SkippableFact]
    public async Task WriteBatch_InvalidRowMidBatch_LeavesStoreExactlyAsBefore()
    {
        SkipUnlessAvailable();
        var runId = await Sink.BeginRunAsync(Source, ["export/"], Clock.Now, CancellationToken.None);
        await Sink.WriteBatchAsync(runId, PatientRecord("pt-1001"), CancellationToken.None);
        var before = await StoreDump.ReadAsync(Target);
        Clock.Now = Clock.Now.AddMinutes(5);

        // A fact without its patient key violates NOT NULL: the row before it were already written in the transaction.
        IReadOnlyList<IngestItem> batch =
        [
            Patient("pt-1001", version: "2", postalCode: "60649"),
            Delete("Observation", "obs-pt-1001"),
            Patient("pt-2002"),
            Quarantined(99),
            BiRads("obs-broken", patientId: null!),
            Claim("claim-3003", "pt-3003"),
        ];
        await Assert.ThrowsAnyAsync<Exception>(() => Sink.WriteBatchAsync(runId, batch, CancellationToken.None));

        StoreDump.AssertEqual(before, await StoreDump.ReadAsync(Target));
    }

    [SkippableFact]
    public async Task WriteBatch_FailureAfterAllWritesBeforeCommit_LeavesStoreExactlyAsBefore()
    {
        SkipUnlessAvailable();
        var runId = await Sink.BeginRunAsync(Source, ["export/"], Clock.Now, CancellationToken.None);
        await Sink.WriteBatchAsync(runId, PatientRecord("pt-1001"), CancellationToken.None);
        var before = await StoreDump.ReadAsync(Target);
        Clock.Now = Clock.Now.AddMinutes(5);
        IReadOnlyList<IngestItem> batch =
        [
            Patient("pt-1001", version: "2", postalCode: "60649"),
            Delete("Observation", "obs-pt-1001"),
            Patient("pt-2002"),
            BiRads("obs-pt-2002", "pt-2002"),
            Quarantined(17, "a new reason"),
            Quarantined(99),
        ];

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(
            () => SinkFailingBeforeCommit().WriteBatchAsync(runId, batch, CancellationToken.None));

        Assert.Equal("Simulated failure before commit.", failure.Message);
        StoreDump.AssertEqual(before, await StoreDump.ReadAsync(Target));
        Assert.Equal(new BatchResult(2, 1, 0, 1, 2), await Sink.WriteBatchAsync(runId, batch, CancellationToken.None));
    }

    [SkippableFact]
    public async Task WriteBatch_RawJson_RoundTripsByteForByte()
    {
        SkipUnlessAvailable();
        var json = Encoding.UTF8.GetBytes(
            """{"resourceType":"Patient","id":"pt-ñ","name":[{"family":"Peña","given":["María José"]}],"note":"""
            + "\"" + new string('x', 5000) + "\"}");
        var item = new ProjectedResource(new("export/Patient.ndjson", 3), new(Source, "Patient", "pt-ñ"), "1", Updated, json, null);

        await IngestAsync([item]);

        await using var db = Target.CreateDbContext();
        var raw = await db.RawResources.SingleAsync();
        Assert.Equal(json, RawContent.Decompress(raw.Content));
        Assert.Equal(SHA256.HashData(json), raw.ContentHash);
        Assert.True(raw.Content.Length < json.Length / 4, $"compressed {raw.Content.Length} of {json.Length} bytes");
    }
}

public sealed class SqliteIngestSinkTests() : IngestSinkTests(null);

[Collection(PostgresTestGroup.Name)]
public sealed class PostgresIngestSinkTests(PostgresTestServer server) : IngestSinkTests(server);
