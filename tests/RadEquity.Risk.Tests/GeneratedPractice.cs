using RadEquity.Engine.Facts;
using RadEquity.Engine.Ingest;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Strata;
using RadEquity.Engine.Terminology;
using RadEquity.Interop.Ingest;
using RadEquity.Interop.Synthetic;

namespace RadEquity.Risk.Tests;

/// <summary>A generated population read back through the real FHIR ingest into facts, as a practice's history.</summary>
public static class GeneratedPractice
{
    public static readonly DateOnly AsOf = new(2026, 1, 1);

    public static async Task<AppointmentHistory> HistoryAsync(int patients, int seed) => (await PracticeAsync(patients, seed)).History;

    /// <summary>The history, and every patient's facts as the engine's records (classified with the default value sets).</summary>
    public static async Task<(AppointmentHistory History, IReadOnlyList<PatientRecord> Records, CodeIndex Codes)> PracticeAsync(int patients, int seed)
    {
        var dir = Path.Combine(Path.GetTempPath(), "radequity-risk-" + Guid.NewGuid().ToString("N"));
        try
        {
            SyntheticPopulation.Generate(new GeneratorOptions { Patients = patients, Seed = seed, AsOf = AsOf, OutputDirectory = dir });
            var sink = new FactSink();
            await IngestRun.RunAsync([Path.Combine(dir, SyntheticPopulation.ManifestFileName)], new IngestOptions { Source = "test" }, sink);
            using var ruca = File.OpenText(Path.Combine(dir, AreaLookup.RucaFileName));
            var areas = AreaLookup.Load(ruca, null);
            var history = new AppointmentHistory([.. sink.Facts.OfType<PatientFact>()], [.. sink.Facts.OfType<CoverageFact>()],
                [.. sink.Facts.OfType<AppointmentFact>()], [.. sink.Facts.OfType<SiteFact>()], areas);
            var codes = CodeIndex.Compile(ValueSetCatalog.LoadDefault().All);
            var records = new PatientRecordSet(codes);
            foreach (var (key, fact) in sink.Keyed)
            {
                records.Add(key, fact);
            }

            return (history, records.ToRecords(), codes);
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

        public List<(ResourceKey Key, Fact Fact)> Keyed { get; } = [];

        public Task<long> BeginRunAsync(string source, IReadOnlyList<string> inputs, DateTimeOffset startedAt, CancellationToken cancellationToken) =>
            Task.FromResult(1L);

        public Task<BatchResult> WriteBatchAsync(long runId, IReadOnlyList<IngestItem> batch, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                foreach (var projected in batch.OfType<ProjectedResource>())
                {
                    if (projected.Fact is { } fact)
                    {
                        Facts.Add(fact);
                        Keyed.Add((projected.Key, fact));
                    }
                }
            }

            return Task.FromResult(new BatchResult(batch.Count, 0, 0, 0, 0));
        }

        public Task CompleteRunAsync(long runId, IngestSummary summary, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
