using RadEquity.Engine.Ingest;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Terminology;

namespace RadEquity.Interop.Ingest;

/// <summary>
/// An ingest sink that keeps facts in memory as <see cref="PatientRecord"/>s, for evaluating files without a store
/// (tests, benchmarks). Deletions and versions are not tracked: every projected resource is added once, in input
/// order; quarantined records are counted.
/// </summary>
public sealed class PatientRecordSink : IIngestSink
{
    private readonly PatientRecordSet _records;

    /// <summary>Creates a sink that classifies events with <paramref name="codes"/>.</summary>
    public PatientRecordSink(CodeIndex codes) => _records = new PatientRecordSet(codes);

    /// <summary>Records quarantined so far.</summary>
    public long Quarantined { get; private set; }

    /// <summary>The patients read so far.</summary>
    public IReadOnlyList<PatientRecord> ToRecords() => _records.ToRecords();

    /// <inheritdoc />
    public Task<long> BeginRunAsync(string source, IReadOnlyList<string> inputs, DateTimeOffset startedAt, CancellationToken cancellationToken) =>
        Task.FromResult(1L);

    /// <inheritdoc />
    public Task<BatchResult> WriteBatchAsync(long runId, IReadOnlyList<IngestItem> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        long inserted = 0, quarantined = 0;
        foreach (var item in batch)
        {
            switch (item)
            {
                case ProjectedResource { Fact: { } fact } projected:
                    _records.Add(projected.Key, fact);
                    inserted++;
                    break;
                case QuarantinedRecord:
                    quarantined++;
                    break;
                default:
                    break;
            }
        }

        Quarantined += quarantined;
        return Task.FromResult(new BatchResult(inserted, 0, 0, 0, quarantined));
    }

    /// <inheritdoc />
    public Task CompleteRunAsync(long runId, IngestSummary summary, CancellationToken cancellationToken) => Task.CompletedTask;
}
