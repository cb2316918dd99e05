using System.Diagnostics;
using System.Globalization;
using RadEquity.Interop.Synthetic;
using Xunit.Abstractions;

namespace RadEquity.Interop.Tests.Synthetic;

/// <summary>
/// Time and peak memory for large runs. Skipped unless RADEQUITY_BENCH_PATIENTS is set, e.g.
/// <c>RADEQUITY_BENCH_PATIENTS=1000000 dotnet test tests/RadEquity.Interop.Tests --filter Category=Benchmark</c>.
/// </summary>
public sealed class GeneratorBenchmarkTests(ITestOutputHelper output)
{
    [SkippableFact]
    [Trait("Category", "Benchmark")]
    public void Generate_LargePopulation_ReportsTimeAndPeakMemory()
    {
        var setting = Environment.GetEnvironmentVariable("RADEQUITY_BENCH_PATIENTS");
        Skip.If(string.IsNullOrEmpty(setting), "Set RADEQUITY_BENCH_PATIENTS to run the generator benchmark.");
        var patients = int.Parse(setting, CultureInfo.InvariantCulture);
        var dir = Environment.GetEnvironmentVariable("RADEQUITY_BENCH_DIR")
            ?? Path.Combine(Path.GetTempPath(), "radequity-bench-" + patients.ToString(CultureInfo.InvariantCulture));

        var result = SyntheticPopulation.Generate(new GeneratorOptions
        {
            Patients = patients,
            Seed = 1,
            AsOf = new DateOnly(2026, 1, 1),
            OutputDirectory = dir,
        });

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var bytes = Directory.GetFiles(dir).Sum(f => new FileInfo(f).Length);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"patients={patients} elapsed={result.Elapsed.TotalSeconds:F1}s peakWorkingSet={process.PeakWorkingSet64 / (1024 * 1024)}MiB " +
            $"resources={result.ResourceCounts.Sum(c => c.Value)} bytes={bytes}"));
        Assert.Equal(patients, result.ResourceCounts[0].Value);
    }
}
