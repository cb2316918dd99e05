namespace RadEquity.Data.Measures;

/// <summary>
/// Which patients a <see cref="PatientRecordReader"/> load reads: optionally one source, and one of
/// <see cref="PartitionCount"/> hash partitions of the patient ids, so evaluation can run partition by partition and
/// merge the counts (ARCHITECTURE idea 3). A patient's partition depends only on its id (FNV-1a over the id's UTF-16
/// code units), so it is stable across loads, processes and providers.
/// </summary>
public sealed record PatientSelection
{
    /// <summary>Selects patients.</summary>
    /// <param name="source">Only this data source; null for every source.</param>
    /// <param name="partition">The partition to read, 0 to <paramref name="partitionCount"/> - 1.</param>
    /// <param name="partitionCount">How many partitions the patients are split into; 1 for all.</param>
    public PatientSelection(string? source = null, int partition = 0, int partitionCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition, partitionCount);
        Source = source;
        Partition = partition;
        PartitionCount = partitionCount;
    }

    /// <summary>Every patient of every source.</summary>
    public static PatientSelection All { get; } = new();

    /// <summary>One patient by id (in every source, or in <paramref name="source"/>), read through the patient index.</summary>
    public static PatientSelection ForPatient(string patientId, string? source = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        return new PatientSelection(source) { PatientId = patientId };
    }

    /// <summary>The patients marked pending in the fact snapshot (<see cref="FactSnapshot"/>), which its refresh reads.</summary>
    internal static PatientSelection SnapshotPending { get; } = new() { PendingOnly = true };

    /// <summary>Only patients marked pending in the fact snapshot.</summary>
    internal bool PendingOnly { get; private init; }

    /// <summary>The first (source, patient id) key read, in code-point order; null from the start. Set by
    /// <see cref="PatientRecordReader.OpenPartitionsAsync"/>, which splits a load into key ranges.</summary>
    internal PatientKey? From { get; init; }

    /// <summary>The key the read stops before; null to the end.</summary>
    internal PatientKey? Before { get; init; }

    /// <summary>Only this patient id; null for all.</summary>
    public string? PatientId { get; private init; }

    /// <summary>The source, or null for all.</summary>
    public string? Source { get; }

    /// <summary>The partition read.</summary>
    public int Partition { get; }

    /// <summary>The number of partitions.</summary>
    public int PartitionCount { get; }

    /// <summary>The partition of <paramref name="patientId"/> among <paramref name="partitionCount"/>.</summary>
    public static int PartitionOf(ReadOnlySpan<char> patientId, int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        var hash = 2166136261u;
        foreach (var c in patientId)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return (int)(hash % (uint)partitionCount);
    }

    /// <summary>True when the patient with this id falls in the selected partition (the source is filtered in SQL).</summary>
    public bool Contains(ReadOnlySpan<char> patientId) => PartitionCount == 1 || PartitionOf(patientId, PartitionCount) == Partition;
}

/// <summary>A patient's key in the fact tables.</summary>
internal readonly record struct PatientKey(string Source, string PatientId);
