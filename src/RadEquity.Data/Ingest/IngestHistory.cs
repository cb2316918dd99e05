using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace RadEquity.Data.Ingest;

/// <summary>
/// Every ingest run, newest first, and the quarantine page by page, for the Data page. Quarantine entries are shown
/// by file, line, field and reason only: the excerpt may hold PHI and is never read here.
/// </summary>
public sealed class IngestHistory(RadEquityDbContext db)
{
    /// <summary>One page of ingest runs, newest first.</summary>
    public async Task<Paged<IngestRunEntry>> ReadRunsAsync(int offset, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var total = await db.IngestRuns.LongCountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.IngestRuns.AsNoTracking()
            .OrderByDescending(r => r.Id)
            .Skip(offset).Take(limit)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var page = rows.Select(r => new IngestRunEntry(
            new LastIngestRun(r.Id, r.Source, r.Status, r.StartedAt, r.FinishedAt, IngestRunCounts.From(IngestRunLog.ReadSummary(r.Summary))),
            InputNames(r.Inputs))).ToList();
        return new Paged<IngestRunEntry>(total, page);
    }

    /// <summary>One page of quarantined records, newest first; only those of <paramref name="runId"/> when given.</summary>
    public async Task<Paged<QuarantineEntry>> ReadQuarantineAsync(long? runId, int offset, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var query = db.Quarantine.AsNoTracking();
        if (runId is { } id)
        {
            query = query.Where(q => q.RunId == id);
        }

        var total = await query.LongCountAsync(cancellationToken).ConfigureAwait(false);
        var page = await query
            .OrderByDescending(q => q.Id)
            .Skip(offset).Take(limit)
            .Select(q => new QuarantineEntry(q.Source, q.File, q.Line, q.Field, q.ResourceType, q.Reason, q.QuarantinedAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new Paged<QuarantineEntry>(total, page);
    }

    // Inputs are kept as given (full paths); a page shows the file names only.
    private static List<string> InputNames(string json)
    {
        try
        {
            return (JsonSerializer.Deserialize<string[]>(json) ?? []).Select(Path.GetFileName).OfType<string>().ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

/// <summary>An ingest run with the names of the files or folders it read.</summary>
public sealed record IngestRunEntry(LastIngestRun Run, IReadOnlyList<string> Inputs);

/// <summary>One page of a longer list.</summary>
/// <param name="Total">Items in the whole list.</param>
/// <param name="Items">The items of this page.</param>
public sealed record Paged<T>(long Total, IReadOnlyList<T> Items);
