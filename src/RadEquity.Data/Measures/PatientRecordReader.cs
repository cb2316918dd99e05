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
public sealed record PatientLoadSummary(long Patients, long Coverages, long EventsRead, long EventsKept, TimeSpan Elapsed);

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
        return new PatientRecordMerge(codes, selection).ReadAsync(store, batchSize, cancellationToken);
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
