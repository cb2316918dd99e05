using RadEquity.Engine.Facts;
using RadEquity.Engine.Ingest;
using RadEquity.Engine.Strata;
using RadEquity.Interop.Ingest;
using RadEquity.Interop.Synthetic;

namespace RadEquity.Risk.Tests;

/// <summary>A generated population read back through the real FHIR ingest into facts, as a practice's history.</summary>
public static class GeneratedPractice
{
    public static readonly DateOnly AsOf = new(2026, 1, 1);

    public static async Task<AppointmentHistory> HistoryAsync(int patients, int seed)
    {
        var dir = Path.Combine(Path.GetTempPath(), "radequity-risk-" + Guid.NewGuid().ToString("N"));
        try
        {
            SyntheticPopulation.Generate(new GeneratorOptions { Patients = patients, Seed = seed, AsOf = AsOf, OutputDirectory = dir });
            var sink = new FactSink();
            await IngestRun.RunAsync([Path.Combine(dir, SyntheticPopulation.ManifestFileName)], new IngestOptions { Source = "test" }, sink);
            using var ruca = File.OpenText(Path.Combine(dir, AreaLookup.RucaFileName));
            var areas = AreaLookup.Load(ruca, null);
            return new AppointmentHistory([.. sink.Facts.OfType<PatientFact>()], [.. sink.Facts.OfType<CoverageFact>()],
                [.. sink.Facts.OfType<AppointmentFact>()], [.. sink.Facts.OfType<SiteFact>()], areas);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Keeps every projected fact (the generator writes each resource once, so no keying is needed).</summary>
    private sealed class FactSink : IIngestSink
    {
        private readonly Lock _gate = new();

        public List<Fact> Facts { get; } = [];

        public Task<long> BeginRunAsync(string source, IReadOnlyList<string> inputs, DateTimeOffset startedAt, CancellationToken cancellationToken) =>
            Task.FromResult(1L);

        public Task<BatchResult> WriteBatchAsync(long runId, IReadOnlyList<IngestItem> batch, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                Facts.AddRange(batch.OfType<ProjectedResource>().Select(p => p.Fact).OfType<Fact>());
            }

            return Task.FromResult(new BatchResult(batch.Count, 0, 0, 0, 0));
        }

        public Task CompleteRunAsync(long runId, IngestSummary summary, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
