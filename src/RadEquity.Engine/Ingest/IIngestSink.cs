namespace RadEquity.Engine.Ingest;

/// <summary>
/// Where ingested items go (a database). Readers stream items in batches; each batch is written atomically,
/// so a run killed mid-way leaves only whole batches, and re-running converges on the same state because
/// writes are keyed by resource (idempotent).
/// </summary>
public interface IIngestSink
{
    /// <summary>Records the start of a run and returns its id.</summary>
    Task<long> BeginRunAsync(string source, IReadOnlyList<string> inputs, DateTimeOffset startedAt, CancellationToken cancellationToken);

    /// <summary>Writes one batch in a single transaction and reports what changed.</summary>
    Task<BatchResult> WriteBatchAsync(long runId, IReadOnlyList<IngestItem> batch, CancellationToken cancellationToken);

    /// <summary>Records the end of a run with its summary.</summary>
    Task CompleteRunAsync(long runId, IngestSummary summary, CancellationToken cancellationToken);
}

/// <summary>What one batch changed.</summary>
/// <param name="Inserted">Resources new to the store.</param>
/// <param name="Updated">Resources whose content changed (facts replaced).</param>
/// <param name="Unchanged">Resources already stored with the same content, or an older version than stored.</param>
/// <param name="Deleted">Resources removed.</param>
/// <param name="Quarantined">Records quarantined.</param>
public readonly record struct BatchResult(long Inserted, long Updated, long Unchanged, long Deleted, long Quarantined)
{
    /// <summary>Adds two results.</summary>
    public static BatchResult operator +(BatchResult a, BatchResult b) => new(
        checked(a.Inserted + b.Inserted),
        checked(a.Updated + b.Updated),
        checked(a.Unchanged + b.Unchanged),
        checked(a.Deleted + b.Deleted),
        checked(a.Quarantined + b.Quarantined));
}

/// <summary>The summary of an ingest run.</summary>
/// <param name="ResourcesByType">Resources read, by type (projected and deleted).</param>
/// <param name="FactsByKind">Facts produced, by fact type name.</param>
/// <param name="Changes">What the store changed.</param>
/// <param name="Quarantined">Records quarantined.</param>
/// <param name="Bytes">Input bytes read (uncompressed files as stored on disk).</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="Completed">False when the run was cancelled or failed.</param>
/// <param name="Messages">File-level messages (empty file, truncated gzip, unreadable file).</param>
public sealed record IngestSummary(
    IReadOnlyDictionary<string, long> ResourcesByType,
    IReadOnlyDictionary<string, long> FactsByKind,
    BatchResult Changes,
    long Quarantined,
    long Bytes,
    TimeSpan Elapsed,
    bool Completed,
    IReadOnlyList<string> Messages)
{
    /// <summary>Resources read in all.</summary>
    public long Resources => ResourcesByType.Values.Sum();
}
