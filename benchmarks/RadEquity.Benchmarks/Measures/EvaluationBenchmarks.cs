using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using RadEquity.Engine.Evaluation;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Strata;
using RadEquity.Engine.Terminology;
using RadEquity.Interop.Ingest;
using RadEquity.Interop.Synthetic;

namespace RadEquity.Benchmarks.Measures;

/// <summary>
/// All measures × all standard stratifiers over a generated population held in memory (facts already loaded and
/// classified). Baseline: one parallel pass that only touches every event of every patient — the floor any
/// evaluation over the same records pays. Population size: RADEQUITY_BENCH_PATIENTS (default 1,000,000).
/// </summary>
[Config(typeof(InProcessConfig))]
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    // In-process, so the population (minutes to build) is loaded once for all three benchmarks.
    private static (IReadOnlyList<PatientRecord> Patients, Evaluator Evaluator, Evaluator Unstratified)? _loaded;

    private IReadOnlyList<PatientRecord> _patients = [];
    private Evaluator _evaluator = null!;
    private Evaluator _unstratified = null!;

    [GlobalSetup]
    public void Setup()
    {
        _loaded ??= Load();
        (_patients, _evaluator, _unstratified) = _loaded.Value;
    }

    private static (IReadOnlyList<PatientRecord>, Evaluator, Evaluator) Load()
    {
        var count = int.Parse(Environment.GetEnvironmentVariable("RADEQUITY_BENCH_PATIENTS") ?? "1000000", CultureInfo.InvariantCulture);
        var folder = Path.Combine(Path.GetTempPath(), "radequity-bench-eval-" + count.ToString(CultureInfo.InvariantCulture));
        var asOf = new DateOnly(2026, 1, 1);
        if (!File.Exists(Path.Combine(folder, "manifest.json")))
        {
            SyntheticPopulation.Generate(new GeneratorOptions
            {
                Patients = count,
                Seed = 1,
                AsOf = asOf,
                OutputDirectory = folder,
                Profile = GeneratorProfile.LoadDefault(),
            });
        }

        var codes = CodeIndex.Compile(ValueSetCatalog.LoadDefault().All);
        var sink = new PatientRecordSink(codes);
        IngestRun.RunAsync([folder], new IngestOptions { Source = "bench" }, sink).GetAwaiter().GetResult();
        var patients = sink.ToRecords();

        using var ruca = File.OpenText(Path.Combine(folder, AreaLookup.RucaFileName));
        using var adi = File.OpenText(Path.Combine(folder, AreaLookup.DeprivationFileName));
        var period = MeasurementPeriod.ForYear(2025);
        var strata = new StratificationContext(period.End, AreaLookup.Load(ruca, adi));
        var context = new MeasureContext(period, codes, asOf);
        var evaluator = new Evaluator(MeasureSet.Standard(codes), Stratifiers.Standard, context, strata);
        var unstratified = new Evaluator(MeasureSet.Standard(codes), [], context, strata);
        Console.WriteLine($"// {patients.Count:N0} patients, {patients.Sum(p => p.Events.Count):N0} classified events in memory");
        return (patients, evaluator, unstratified);
    }

    /// <summary>One in-process job: warm-up 2, 7 iterations.</summary>
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(2).WithIterationCount(7));
    }

    [Benchmark(Baseline = true, Description = "touch every event (parallel floor)")]
    public long TouchEveryEvent()
    {
        long total = 0;
        Parallel.For(0, _patients.Count, () => 0L, (i, _, sum) =>
        {
            var events = _patients[i].Events;
            for (var e = 0; e < events.Count; e++)
            {
                sum += events[e].Codes.IsEmpty ? 0 : 1;
            }

            return sum;
        }, sum => Interlocked.Add(ref total, sum));
        return total;
    }

    [Benchmark(Description = "8 measures, overall counts only")]
    public long EvaluateUnstratified() => _unstratified.Run(_patients).Counts.Patients;

    [Benchmark(Description = "8 measures x 9 stratifiers, counts")]
    public long EvaluateAllMeasuresAllStrata() => _evaluator.Run(_patients).Counts.Patients;

    [Benchmark(Description = "8 measures x 9 stratifiers, counts + per-patient results")]
    public int EvaluateKeepingResults() => _evaluator.Run(_patients, keepResults: true).Results.Count;
}
