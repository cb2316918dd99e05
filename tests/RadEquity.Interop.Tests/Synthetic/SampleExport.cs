using System.Text.Json;
using RadEquity.Interop.Synthetic;

namespace RadEquity.Interop.Tests.Synthetic;

/// <summary>A generated export in a temporary folder, deleted on dispose.</summary>
public sealed class SampleExport : IDisposable
{
    public static readonly DateOnly AsOf = new(2026, 1, 1);

    public SampleExport(int patients, int seed)
    {
        Directory = Path.Combine(Path.GetTempPath(), "radequity-synth-" + Guid.NewGuid().ToString("N"));
        Result = SyntheticPopulation.Generate(new GeneratorOptions
        {
            Patients = patients,
            Seed = seed,
            AsOf = AsOf,
            OutputDirectory = Directory,
        });
    }

    public string Directory { get; }

    public GenerationResult Result { get; }

    public IEnumerable<JsonElement> Resources(string type)
    {
        foreach (var line in File.ReadLines(Path.Combine(Directory, type + ".ndjson")))
        {
            using var doc = JsonDocument.Parse(line);
            yield return doc.RootElement.Clone();
        }
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

/// <summary>~300 patients shared by the structure tests.</summary>
public sealed class SmallSampleFixture : IDisposable
{
    public SampleExport Export { get; } = new(300, 42);

    public void Dispose() => Export.Dispose();
}

/// <summary>20,000 patients shared by the calibration tests.</summary>
public sealed class CalibrationFixture : IDisposable
{
    public SampleExport Export { get; } = new(20_000, 7);

    public void Dispose() => Export.Dispose();
}
