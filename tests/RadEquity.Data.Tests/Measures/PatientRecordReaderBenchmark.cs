using System.Diagnostics;
using System.Globalization;
using RadEquity.Data.Measures;
using RadEquity.Engine.Terminology;
using Xunit.Abstractions;

namespace RadEquity.Data.Tests.Measures;

/// <summary>
/// Load speed on an existing store (e.g. the 1,000,000-patient SQLite file of <c>benchmarks/ingest-e2e.sh</c>), with
/// the default value sets. Skipped unless <c>RADEQUITY_BENCHMARK=1</c> and <c>RADEQUITY_BENCHMARK_STORE</c> names
/// the store (a path or a PostgreSQL connection string); the store is only read. Times go to the test output
/// (<c>--logger "console;verbosity=detailed"</c>).
/// </summary>
public sealed class PatientRecordReaderBenchmark(ITestOutputHelper output)
{
    [SkippableFact]
    [Trait("Category", "Benchmark")]
    public async Task ReadBatches_WholeStore_ReportsPatientsPerSecond()
    {
        var (store, codes) = Arrange();
        var batchSize = int.TryParse(Environment.GetEnvironmentVariable("RADEQUITY_BENCHMARK_BATCH"), CultureInfo.InvariantCulture, out var size)
            ? size
            : PatientRecordReader.DefaultBatchSize;
        var measurement = Measurement.Start();

        PatientLoadSummary? summary = null;
        long patients = 0;
        await foreach (var batch in PatientRecordReader.ReadBatchesAsync(store, codes, PatientSelection.All, batchSize, CancellationToken.None))
        {
            // An evaluator would count the batch here and let it go.
            patients += batch.Patients.Count;
            summary = batch.Summary;
        }

        output.WriteLine(measurement.Report(store, string.Create(CultureInfo.InvariantCulture, $"streamed in batches of {batchSize:N0}"), summary!));
        Assert.Equal(summary!.Patients, patients);
    }

    [SkippableFact]
    [Trait("Category", "Benchmark")]
    public async Task ReadPartitions_WholeStore_ReportsPatientsPerSecond()
    {
        var (store, codes) = Arrange();
        var readers = Environment.ProcessorCount;
        var measurement = Measurement.Start();
        var clock = Stopwatch.StartNew();

        await using var load = await PatientRecordReader.OpenPartitionsAsync(store, codes, PatientSelection.All, readers,
            PatientRecordReader.DefaultBatchSize, PatientRecordReader.DefaultBatchSize, CancellationToken.None);
        var summaries = await Task.WhenAll(load.Partitions.Select(partition => Task.Run(async () =>
        {
            PatientLoadSummary? last = null;
            await foreach (var batch in partition)
            {
                last = batch.Summary;
            }

            return last!;
        })));

        // The load's wall time: the ranges are read at once.
        var summary = new PatientLoadSummary(summaries.Sum(s => s.Patients), summaries.Sum(s => s.Coverages), summaries.Sum(s => s.EventsRead),
            summaries.Sum(s => s.EventsKept), clock.Elapsed)
        { FromSnapshot = summaries.All(s => s.FromSnapshot) };
        output.WriteLine(measurement.Report(store, string.Create(CultureInfo.InvariantCulture, $"{load.Partitions.Count} key ranges read at once"), summary));
    }

    [SkippableFact]
    [Trait("Category", "Benchmark")]
    public async Task Read_WholeStore_ReportsPatientsPerSecond()
    {
        var (store, codes) = Arrange();
        var measurement = Measurement.Start();

        var load = await PatientRecordReader.ReadAsync(store, codes, CancellationToken.None);

        output.WriteLine(measurement.Report(store, "all held in memory", load.Summary));
        Assert.Equal(load.Summary.Patients, load.Patients.Count);
        GC.KeepAlive(load);
    }

    private static (StoreTarget Store, CodeIndex Codes) Arrange()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("RADEQUITY_BENCHMARK") == "1", "Benchmark: set RADEQUITY_BENCHMARK=1.");
        var database = Environment.GetEnvironmentVariable("RADEQUITY_BENCHMARK_STORE");
        Skip.If(string.IsNullOrWhiteSpace(database), "Benchmark: set RADEQUITY_BENCHMARK_STORE to the store to read.");
        return (StoreConnection.Parse(database), CodeIndex.Compile(ValueSetCatalog.LoadDefault().All));
    }

    private sealed record Measurement(TimeSpan Cpu, long Allocated, TimeSpan GcPause)
    {
        public static Measurement Start() =>
            new(Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration());

        public string Report(StoreTarget store, string how, PatientLoadSummary s)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - Cpu;
            var allocated = (GC.GetTotalAllocatedBytes() - Allocated) / 1048576.0;
            var pauses = GC.GetTotalPauseDuration() - GcPause;
            var live = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
            var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{store.Description}, {how}, {(s.FromSnapshot ? "fact snapshot" : "fact tables")}: {s.Patients:N0} patients, {s.Coverages:N0} coverages, {s.EventsRead:N0} events read, {s.EventsKept:N0} kept in {s.Elapsed.TotalSeconds:F2} s = {s.Patients / s.Elapsed.TotalSeconds:N0} patients/s, {s.EventsRead / s.Elapsed.TotalSeconds:N0} events/s; CPU {cpu.TotalSeconds:F1} s, GC pauses {pauses.TotalSeconds:F1} s, allocated {allocated:N0} MiB, live after {live:N0} MiB, peak working set {peak:N0} MiB");
        }
    }
}
