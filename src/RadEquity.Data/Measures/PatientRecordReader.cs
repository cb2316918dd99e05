using System.Globalization;
using System.Runtime.CompilerServices;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Terminology;

namespace RadEquity.Data.Measures;

/// <summary>Patient records of a load, with what the load has read so far.</summary>
/// <param name="Patients">The records, ordered by source then patient id (code-point order).</param>
/// <param name="Summary">Counts and reader time up to and including this batch.</param>
public sealed record PatientRecordBatch(IReadOnlyList<PatientRecord> Patients, PatientLoadSummary Summary);

/// <summary>What a load read.</summary>
/// <param name="Patients">Patient records built.</param>
/// <param name="Coverages">Coverage facts attached to them.</param>
/// <param name="EventsRead">Clinical events of the loaded patients.</param>
/// <param name="EventsKept">Events kept: those whose codes or value codes belong to at least one value set.</param>
/// <param name="Elapsed">Time spent reading (not counting the consumer's time between batches).</param>
public sealed record PatientLoadSummary(long Patients, long Coverages, long EventsRead, long EventsKept, TimeSpan Elapsed)
{
    /// <summary>True when the load read the fact snapshot (<see cref="FactSnapshot"/>) rather than the fact tables.</summary>
    public bool FromSnapshot { get; init; }
}

/// <summary>
/// Reads the stored facts as the engine's <see cref="PatientRecord"/>s, fast: three scans ordered by patient (patients,
/// coverages, clinical events) with provider readers rather than EF materialization, merged into one record per
/// patient as they stream.
/// </summary>
/// <remarks>
/// <para>The patient is (source, patient id): the same id in two sources gives two records, as the fact tables key
/// them. Coverages and events whose patient has no stored Patient fact are not read (a measure needs the birth date
/// and sex); a patient without events is kept.</para>
/// <para>Events whose codes and value codes belong to no value set of <c>codes</c> are dropped at load: no measure
/// can read them. Coded text is split and classified once per distinct string, and repeated strings (status, unit,
/// kind, postal code...) are shared.</para>
/// <para>Timestamps come back in UTC (the store keeps no source offset; docs/adr/0001-storage.md), so
/// <see cref="EventRecord.StartDay"/> is the UTC calendar day; dates are <see cref="DateOnly"/> as stored.</para>
/// <para>Evaluating batch by batch (<see cref="ReadBatchesAsync"/>, then <c>Evaluator.Run</c> per batch and merged
/// counts) keeps memory bounded and the records short-lived; <see cref="ReadAsync(StoreTarget, CodeIndex, CancellationToken)"/>
/// holds the whole store in memory. All queries of a load read one snapshot of the store.</para>
/// </remarks>
public static class PatientRecordReader
{
    /// <summary>
    /// The batch size of <see cref="ReadBatchesAsync"/> when the caller has no reason to choose. Small on purpose: a
    /// batch that fits in the GC's youngest generation dies there once evaluated; 20,000-patient batches outlived it and
    /// quadrupled GC pauses on the million-patient benchmark (docs/benchmarks.md).
    /// </summary>
    public const int DefaultBatchSize = 1_000;

    /// <summary>
    /// Streams the patients of <paramref name="selection"/> in batches of <paramref name="batchSize"/>, classifying event
    /// codes with <paramref name="codes"/>. The last batch may be smaller or empty (an empty store yields one empty
    /// batch), and carries the load's totals.
    /// </summary>
    public static IAsyncEnumerable<PatientRecordBatch> ReadBatchesAsync(
        StoreTarget store, CodeIndex codes, PatientSelection selection, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return ReadOwnedAsync(store, codes, selection, batchSize, cancellationToken);
    }

    private static async IAsyncEnumerable<PatientRecordBatch> ReadOwnedAsync(
        StoreTarget store, CodeIndex codes, PatientSelection selection, int batchSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await FactConnection.OpenAsync(store, cancellationToken).ConfigureAwait(false);
        var fromSnapshot = await ReadsSnapshotAsync(connection, selection, cancellationToken).ConfigureAwait(false);
        await foreach (var batch in Read(connection, codes, selection, fromSnapshot, batchSize, cancellationToken).ConfigureAwait(false))
        {
            yield return batch;
        }
    }

    /// <summary>Whether a load reads the fact snapshot: a whole store or source (one patient is read faster through the
    /// fact tables' patient index) whose snapshot is current in the load's read snapshot.</summary>
    private static async Task<bool> ReadsSnapshotAsync(FactConnection connection, PatientSelection selection, CancellationToken cancellationToken) =>
        selection.PatientId is null && await FactSnapshot.IsCurrentAsync(connection, cancellationToken).ConfigureAwait(false);

    private static IAsyncEnumerable<PatientRecordBatch> Read(FactConnection connection, CodeIndex codes, PatientSelection selection,
        bool fromSnapshot, int batchSize, CancellationToken cancellationToken) =>
        fromSnapshot
            ? FactSnapshot.ReadAsync(connection, codes, selection, batchSize, cancellationToken)
            : new PatientRecordMerge(codes, selection).ReadAsync(connection, batchSize, cancellationToken);

    /// <summary>
    /// Splits the patients of <paramref name="selection"/> into up to <paramref name="partitions"/> ranges of
    /// consecutive (source, patient id) keys of about equal size, each to be read on its own thread: one reader thread
    /// cannot keep up with evaluation on several cores. All ranges read one snapshot of the store. Concatenated in
    /// order, the ranges' batches are exactly <see cref="ReadBatchesAsync"/>'s patients. A store with fewer than
    /// <paramref name="minimumPerPartition"/> patients per range gets fewer ranges.
    /// </summary>
    /// <remarks>On SQLite, opening several readers takes the write lock for a moment (see the fence of the SQLite
    /// reader), so the file must be writable; it waits for a running write transaction to end.</remarks>
    public static async Task<PartitionedLoad> OpenPartitionsAsync(StoreTarget store, CodeIndex codes, PatientSelection selection,
        int partitions, int batchSize, int minimumPerPartition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumPerPartition, 1);
        if (selection.From is not null || selection.Before is not null || selection.PatientId is not null)
        {
            throw new ArgumentException("A partitioned load reads every patient of a source or of the store.", nameof(selection));
        }

        var connections = await FactConnection.OpenAsync(store, partitions, cancellationToken).ConfigureAwait(false);
        try
        {
            var bounds = await SplitAsync(connections[0], selection, partitions, minimumPerPartition, cancellationToken).ConfigureAwait(false);
            // Every connection reads the same snapshot of the store, so one answer holds for all ranges.
            var fromSnapshot = await ReadsSnapshotAsync(connections[0], selection, cancellationToken).ConfigureAwait(false);
            var reads = new List<IAsyncEnumerable<PatientRecordBatch>>(bounds.Count + 1);
            for (var i = 0; i <= bounds.Count; i++)
            {
                var range = selection with { From = i == 0 ? null : bounds[i - 1], Before = i == bounds.Count ? null : bounds[i] };
                reads.Add(Read(connections[i], codes, range, fromSnapshot, batchSize, cancellationToken));
            }

            return new PartitionedLoad(reads, connections);
        }
        catch
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>The first key of every range after the first: the keys at every (count / partitions)-th patient.</summary>
    private static async Task<IReadOnlyList<PatientKey>> SplitAsync(FactConnection connection, PatientSelection selection, int partitions,
        int minimumPerPartition, CancellationToken cancellationToken)
    {
        var (where, parameters) = PatientRecordMerge.Where(selection, connection);
        long count;
        await using (var rows = await connection.QueryAsync("SELECT CAST(count(*) AS text) FROM patients" + where, parameters, cancellationToken).ConfigureAwait(false))
        {
            await rows.ReadAsync(cancellationToken).ConfigureAwait(false);
            count = long.Parse(rows.Text(0), CultureInfo.InvariantCulture);
        }

        var ranges = (int)Math.Clamp(count / minimumPerPartition, 1, partitions);
        var bounds = new List<PatientKey>();
        for (var i = 1; i < ranges; i++)
        {
            var offset = (count * i / ranges).ToString(CultureInfo.InvariantCulture);
            await using var rows = await connection.QueryAsync(
                $"SELECT source, patient_id FROM patients{where} ORDER BY {connection.ByPatient} LIMIT 1 OFFSET {offset}", parameters,
                cancellationToken).ConfigureAwait(false);
            if (await rows.ReadAsync(cancellationToken).ConfigureAwait(false)
                && new PatientKey(rows.Text(0).ToString(), rows.Text(1).ToString()) is var key
                && (bounds.Count == 0 || bounds[^1] != key))
            {
                bounds.Add(key);
            }
        }

        return bounds;
    }

    /// <summary>Reads every patient of the store into memory.</summary>
    public static Task<PatientRecordBatch> ReadAsync(StoreTarget store, CodeIndex codes, CancellationToken cancellationToken) =>
        ReadAsync(store, codes, PatientSelection.All, cancellationToken);

    /// <summary>Reads the patients of <paramref name="selection"/> into memory.</summary>
    public static async Task<PatientRecordBatch> ReadAsync(
        StoreTarget store, CodeIndex codes, PatientSelection selection, CancellationToken cancellationToken)
    {
        var patients = new List<PatientRecord>();
        PatientLoadSummary? summary = null;
        await foreach (var batch in ReadBatchesAsync(store, codes, selection, DefaultBatchSize, cancellationToken).ConfigureAwait(false))
        {
            patients.AddRange(batch.Patients);
            summary = batch.Summary;
        }

        return new PatientRecordBatch(patients, summary!);
    }
}

/// <summary>
/// The key ranges of one load (<see cref="PatientRecordReader.OpenPartitionsAsync"/>), each read by enumerating its
/// element of <see cref="Partitions"/> on its own thread. Disposing ends the load's snapshot; dispose after every
/// enumeration has ended.
/// </summary>
public sealed class PartitionedLoad : IAsyncDisposable
{
    private readonly IReadOnlyList<FactConnection> _connections;

    internal PartitionedLoad(IReadOnlyList<IAsyncEnumerable<PatientRecordBatch>> partitions, IReadOnlyList<FactConnection> connections)
    {
        Partitions = partitions;
        _connections = connections;
    }

    /// <summary>The ranges in key order; each can be enumerated once.</summary>
    public IReadOnlyList<IAsyncEnumerable<PatientRecordBatch>> Partitions { get; }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
