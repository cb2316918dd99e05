using RadEquity.Interop.Csv;

namespace RadEquity.Interop.Ingest;

/// <summary>Options of an ingest run.</summary>
public sealed record IngestOptions
{
    /// <summary>The data source the resources are keyed under (a practice system, an export, "demo").</summary>
    public string Source { get; init; } = "default";

    /// <summary>Items per batch handed to the sink; each batch is written in one transaction.</summary>
    public int BatchSize { get; init; } = 5000;

    /// <summary>The largest record read: an NDJSON line, a CSV row, a whole JSON file (a Bundle). Longer lines are
    /// skipped unread and quarantined; larger JSON files are quarantined. Default 64 MiB.</summary>
    public int MaxRecordBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>How CSV columns and values map to the RadEquity CSV layout; null for the layout as documented.</summary>
    public CsvMapping? CsvMapping { get; init; }

    /// <summary>The clock for the run's start time and elapsed time.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Source);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRecordBytes, 16);
        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}

/// <summary>Progress of an ingest run.</summary>
/// <param name="BytesRead">Input bytes read so far (as stored on disk).</param>
/// <param name="TotalBytes">Input bytes in all.</param>
/// <param name="Resources">Resources read so far (projected and deleted).</param>
/// <param name="Quarantined">Records quarantined so far.</param>
/// <param name="CurrentFile">The file being read.</param>
public sealed record IngestProgress(long BytesRead, long TotalBytes, long Resources, long Quarantined, string? CurrentFile);
