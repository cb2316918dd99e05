using Microsoft.EntityFrameworkCore;
using RadEquity.Data.Ingest;

namespace RadEquity.Data;

/// <summary>What the home page shows about the store: sizes, the last ingest run, and recent quarantine.</summary>
public sealed class StoreOverview(RadEquityDbContext db)
{
    /// <summary>Reads the overview; <paramref name="recentQuarantined"/> caps the quarantine list (newest first).</summary>
    public async Task<StoreSnapshot> ReadAsync(int recentQuarantined, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(recentQuarantined);

        var patients = await db.Patients.LongCountAsync(cancellationToken).ConfigureAwait(false);
        var resources = await db.RawResources
            .GroupBy(r => r.ResourceType)
            .Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);

        var facts = new SortedDictionary<string, long>(StringComparer.Ordinal)
        {
            ["patients"] = patients,
            ["coverages"] = await db.Coverages.LongCountAsync(cancellationToken).ConfigureAwait(false),
            ["clinical_events"] = await db.ClinicalEvents.LongCountAsync(cancellationToken).ConfigureAwait(false),
            ["appointments"] = await db.Appointments.LongCountAsync(cancellationToken).ConfigureAwait(false),
            ["sites"] = await db.Sites.LongCountAsync(cancellationToken).ConfigureAwait(false),
        };

        var run = await db.IngestRuns.AsNoTracking().OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var lastRun = run is null ? null : new LastIngestRun(
            run.Id, run.Source, run.Status, run.StartedAt, run.FinishedAt, IngestRunCounts.From(IngestRunLog.ReadSummary(run.Summary)));

        var quarantineCount = await db.Quarantine.LongCountAsync(cancellationToken).ConfigureAwait(false);
        var recent = await db.Quarantine
            .OrderByDescending(q => q.QuarantinedAt).ThenByDescending(q => q.Id)
            .Take(recentQuarantined)
            .Select(q => new QuarantineEntry(q.Source, q.File, q.Line, q.Field, q.ResourceType, q.Reason, q.QuarantinedAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        return new StoreSnapshot(
            patients, new SortedDictionary<string, long>(resources, StringComparer.Ordinal), facts, lastRun, quarantineCount, recent);
    }
}

/// <summary>The store at a glance.</summary>
/// <param name="Patients">Rows of <c>patients</c>.</param>
/// <param name="ResourcesByType">Raw resources stored, by FHIR type.</param>
/// <param name="FactsByTable">Fact rows, by table name.</param>
/// <param name="LastRun">The most recently started ingest run, if any.</param>
/// <param name="QuarantineCount">Quarantined records in all.</param>
/// <param name="RecentQuarantine">The most recently quarantined records (no excerpt: it may hold PHI).</param>
public sealed record StoreSnapshot(
    long Patients,
    IReadOnlyDictionary<string, long> ResourcesByType,
    IReadOnlyDictionary<string, long> FactsByTable,
    LastIngestRun? LastRun,
    long QuarantineCount,
    IReadOnlyList<QuarantineEntry> RecentQuarantine);

/// <summary>An ingest run as the overview shows it.</summary>
/// <param name="Id">The run id.</param>
/// <param name="Source">The data source loaded.</param>
/// <param name="Status">running, completed, failed or interrupted (<see cref="Model.IngestRunStatus"/>).</param>
/// <param name="StartedAt">When it began (UTC).</param>
/// <param name="FinishedAt">When it ended (UTC); null while running or when interrupted.</param>
/// <param name="Counts">Its summary counts; null until it completes.</param>
public sealed record LastIngestRun(long Id, string Source, string Status, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, IngestRunCounts? Counts);

/// <summary>The counts of a finished ingest run.</summary>
public sealed record IngestRunCounts(long Resources, long Inserted, long Updated, long Unchanged, long Deleted, long Quarantined)
{
    internal static IngestRunCounts? From(RunSummaryDocument? summary) => summary is null
        ? null
        : new(summary.Resources, summary.Inserted, summary.Updated, summary.Unchanged, summary.Deleted, summary.Quarantined);
}

/// <summary>A quarantined record, located for an analyst to fix at the source.</summary>
public sealed record QuarantineEntry(string Source, string File, long Line, string? Field, string? ResourceType, string Reason, DateTimeOffset QuarantinedAt);
