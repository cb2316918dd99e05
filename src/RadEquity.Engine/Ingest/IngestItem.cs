using RadEquity.Engine.Facts;

namespace RadEquity.Engine.Ingest;

/// <summary>Where an input record was read: the file and 1-based line (or Bundle entry index).</summary>
/// <param name="File">The file path as given.</param>
/// <param name="Line">1-based line for NDJSON and CSV; 1-based entry index for a Bundle.</param>
/// <param name="Field">The field at fault, when known (for quarantine reasons).</param>
public readonly record struct RecordLocation(string File, long Line, string? Field = null)
{
    /// <inheritdoc />
    public override string ToString() => Field is null ? $"{File}:{Line}" : $"{File}:{Line} ({Field})";
}

/// <summary>One outcome of reading an input record, in input order.</summary>
public abstract record IngestItem(RecordLocation Location);

/// <summary>A resource read and projected: its raw JSON (kept for audit and re-projection) and its fact.</summary>
/// <param name="Location">Where it was read.</param>
/// <param name="Key">Its identity.</param>
/// <param name="VersionId">meta.versionId, when present.</param>
/// <param name="LastUpdated">meta.lastUpdated, when present.</param>
/// <param name="RawJson">The resource's UTF-8 JSON as read.</param>
/// <param name="Fact">Its projection; null for resource types no measure or action reads.</param>
public sealed record ProjectedResource(
    RecordLocation Location,
    ResourceKey Key,
    string? VersionId,
    DateTimeOffset? LastUpdated,
    ReadOnlyMemory<byte> RawJson,
    Fact? Fact) : IngestItem(Location)
{
    /// <summary>
    /// The patient the resource is about (subject, patient or beneficiary), also for types without a fact, so every
    /// stored row carries the patient key (ARCHITECTURE: the schema distributes by patient). Null when the resource
    /// is about no patient (Organization, Location, Practitioner) or names none.
    /// </summary>
    public string? PatientId { get; init; }
}

/// <summary>A resource removed at the source (a Bundle entry with request.method DELETE).</summary>
public sealed record DeletedResource(RecordLocation Location, ResourceKey Key) : IngestItem(Location);

/// <summary>A record that could not be read or projected; it is kept, with the reason, and nothing else is lost.</summary>
/// <param name="Location">File, line and field.</param>
/// <param name="Source">The data source being loaded.</param>
/// <param name="ResourceType">The resource type, when it could be read.</param>
/// <param name="ResourceId">The resource id, when it could be read.</param>
/// <param name="Reason">What is wrong, in words a data analyst can act on.</param>
/// <param name="Excerpt">The start of the offending record (at most a few hundred characters), for diagnosis.</param>
public sealed record QuarantinedRecord(
    RecordLocation Location,
    string Source,
    string? ResourceType,
    string? ResourceId,
    string Reason,
    string? Excerpt) : IngestItem(Location);
