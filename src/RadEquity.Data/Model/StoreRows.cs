namespace RadEquity.Data.Model;

/// <summary>A row of <c>raw_resources</c>: the resource as read, compressed, kept for audit and re-projection.</summary>
public sealed class RawResourceRow : ResourceRow
{
    /// <summary>The patient the resource's fact belongs to; null for places and unprojected types.</summary>
    public string? PatientId { get; set; }
    public string? VersionId { get; set; }
    public DateTimeOffset? LastUpdated { get; set; }
    /// <summary>SHA-256 of the uncompressed UTF-8 JSON.</summary>
    public byte[] ContentHash { get; set; } = [];
    /// <summary>The UTF-8 JSON, Brotli-compressed (see docs/adr/0001-storage.md).</summary>
    public byte[] Content { get; set; } = [];
    public DateTimeOffset IngestedAt { get; set; }
}

/// <summary>A row of <c>quarantine</c>: a record that could not be read or projected. Unique by (source, file, line).</summary>
public sealed class QuarantineRow
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public string Source { get; set; } = "";
    public string File { get; set; } = "";
    public long Line { get; set; }
    public string? Field { get; set; }
    public string? ResourceType { get; set; }
    public string? ResourceId { get; set; }
    public string Reason { get; set; } = "";
    /// <summary>The start of the offending record: may hold PHI, never shown on overview pages.</summary>
    public string? Excerpt { get; set; }
    public DateTimeOffset QuarantinedAt { get; set; }
}

/// <summary>A row of <c>ingest_runs</c>.</summary>
public sealed class IngestRunRow
{
    public long Id { get; set; }
    public string Source { get; set; } = "";
    /// <summary>The input paths, a JSON array.</summary>
    public string Inputs { get; set; } = "[]";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>One of <see cref="IngestRunStatus"/>.</summary>
    public string Status { get; set; } = IngestRunStatus.Running;
    /// <summary>The run's summary counts, a JSON object; null until the run completes.</summary>
    public string? Summary { get; set; }
}

/// <summary>The values of <see cref="IngestRunRow.Status"/>.</summary>
public static class IngestRunStatus
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    /// <summary>Still <c>running</c> when a later run began: the process died or was killed.</summary>
    public const string Interrupted = "interrupted";
}
