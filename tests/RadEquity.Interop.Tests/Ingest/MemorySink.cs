using RadEquity.Engine.Facts;
using RadEquity.Engine.Ingest;

namespace RadEquity.Interop.Tests.Ingest;

/// <summary>A real, in-memory <see cref="IIngestSink"/>: resources keyed by <see cref="ResourceKey"/>, so writing
/// the same content twice changes nothing; an older version (by meta.lastUpdated) never replaces a newer one.</summary>
public sealed class MemorySink : IIngestSink
{
    private readonly Lock _gate = new();

    public Dictionary<ResourceKey, ProjectedResource> Resources { get; } = [];

    public List<QuarantinedRecord> Quarantine { get; } = [];

    public List<(long RunId, string Source, IReadOnlyList<string> Inputs, DateTimeOffset StartedAt, IngestSummary? Summary)> Runs { get; } = [];

    public int Batches { get; private set; }

    /// <summary>When set, WriteBatchAsync throws on this batch number (1-based).</summary>
    public int? FailOnBatch { get; init; }

    public Task<long> BeginRunAsync(string source, IReadOnlyList<string> inputs, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Runs.Add((Runs.Count + 1, source, inputs, startedAt, null));
            return Task.FromResult((long)Runs.Count);
        }
    }

    public Task<BatchResult> WriteBatchAsync(long runId, IReadOnlyList<IngestItem> batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            Batches++;
            if (Batches == FailOnBatch)
            {
                throw new InvalidOperationException("disk full (test)");
            }

            long inserted = 0, updated = 0, unchanged = 0, deleted = 0, quarantined = 0;
            foreach (var item in batch)
            {
                switch (item)
                {
                    case ProjectedResource p when !Resources.TryGetValue(p.Key, out var stored):
                        Resources[p.Key] = p;
                        inserted++;
                        break;
                    case ProjectedResource p:
                        var old = Resources[p.Key];
                        if (old.RawJson.Span.SequenceEqual(p.RawJson.Span) ||
                            (p.LastUpdated is { } incoming && old.LastUpdated is { } current && incoming < current))
                        {
                            unchanged++;
                        }
                        else
                        {
                            Resources[p.Key] = p;
                            updated++;
                        }

                        break;
                    case DeletedResource d:
                        if (Resources.Remove(d.Key))
                        {
                            deleted++;
                        }
                        else
                        {
                            unchanged++;
                        }

                        break;
                    case QuarantinedRecord q:
                        Quarantine.Add(q);
                        quarantined++;
                        break;
                    default:
                        throw new InvalidOperationException("unknown item " + item.GetType().Name);
                }
            }

            return Task.FromResult(new BatchResult(inserted, updated, unchanged, deleted, quarantined));
        }
    }

    public Task CompleteRunAsync(long runId, IngestSummary summary, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var i = (int)runId - 1;
            Runs[i] = Runs[i] with { Summary = summary };
        }

        return Task.CompletedTask;
    }

    public IEnumerable<T> Facts<T>()
        where T : Fact => Resources.Values.Select(r => r.Fact).OfType<T>();
}
