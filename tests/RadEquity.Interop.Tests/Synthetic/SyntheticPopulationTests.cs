using System.Security.Cryptography;
using System.Text.Json;
using RadEquity.Interop.Synthetic;

namespace RadEquity.Interop.Tests.Synthetic;

public sealed class SyntheticPopulationTests(SmallSampleFixture fixture) : IClassFixture<SmallSampleFixture>
{
    private readonly SampleExport _sample = fixture.Export;

    [Fact]
    public void Generate_SameSeedTwice_FilesAreByteIdentical()
    {
        using var again = new SampleExport(300, 42);

        var first = Hashes(_sample.Directory);
        var second = Hashes(again.Directory);

        Assert.Equal(first.Keys.Order(StringComparer.Ordinal), second.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("Patient.ndjson", first.Keys);
        foreach (var (file, hash) in first)
        {
            Assert.True(hash == second[file], $"{file} differs between runs with the same seed");
        }
    }

    [Fact]
    public void Generate_DifferentSeed_PatientsDiffer()
    {
        using var other = new SampleExport(300, 43);

        Assert.NotEqual(Hashes(_sample.Directory)["Patient.ndjson"], Hashes(other.Directory)["Patient.ndjson"]);
        Assert.NotEqual(Hashes(_sample.Directory)["Observation.ndjson"], Hashes(other.Directory)["Observation.ndjson"]);
    }

    [Fact]
    public void Generate_Manifest_ListsEveryFileWithItsLineCount()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_sample.Directory, "manifest.json")));
        var root = doc.RootElement;

        Assert.Equal("2026-01-01T00:00:00Z", root.GetProperty("transactionTime").GetString());
        Assert.False(root.GetProperty("requiresAccessToken").GetBoolean());
        Assert.Equal(0, root.GetProperty("error").GetArrayLength());
        var outputs = root.GetProperty("output").EnumerateArray().ToList();
        string[] expected = ["Patient", "Coverage", "Encounter", "Procedure", "ImagingStudy", "DiagnosticReport",
            "Observation", "Condition", "Appointment", "Organization", "Location"];
        Assert.Equal(expected, outputs.Select(o => o.GetProperty("type").GetString()));
        foreach (var o in outputs)
        {
            var url = o.GetProperty("url").GetString()!;
            Assert.Equal(o.GetProperty("type").GetString() + ".ndjson", url);
            var lines = File.ReadLines(Path.Combine(_sample.Directory, url)).Count();
            Assert.Equal(lines, o.GetProperty("count").GetInt64());
            Assert.True(lines > 0, url + " is empty");
        }

        Assert.Equal(300, outputs[0].GetProperty("count").GetInt64());
        Assert.DoesNotContain(outputs, o => o.GetProperty("url").GetString() == "ground-truth.json");
        Assert.False(File.Exists(Path.Combine(_sample.Directory, "manifest.json.tmp")));
    }

    [Fact]
    public void Generate_Patients_MostHaveAMobileManyAnEmailSomeNeither()
    {
        var telecoms = _sample.Resources("Patient")
            .Select(p => p.TryGetProperty("telecom", out var t) ? t.EnumerateArray().ToList() : [])
            .ToList();
        var phones = telecoms.Count(t => t.Any(c => c.GetProperty("system").GetString() == "phone"
            && c.GetProperty("use").GetString() == "mobile" && c.GetProperty("value").GetString()!.Contains("55501", StringComparison.Ordinal)));
        var emails = telecoms.Count(t => t.Any(c => c.GetProperty("system").GetString() == "email"
            && c.GetProperty("value").GetString()!.EndsWith("@example.org", StringComparison.Ordinal)));

        Assert.InRange(phones, 240, 290); // 88% of 300
        Assert.InRange(emails, 130, 200); // 55%
        Assert.Contains(telecoms, t => t.Count == 0);
    }

    [Fact]
    public void Generate_LookupTables_HaveOneRowPerProfileZip()
    {
        var ruca = File.ReadAllLines(Path.Combine(_sample.Directory, "zip-ruca.csv"));
        var adi = File.ReadAllLines(Path.Combine(_sample.Directory, "zip-deprivation.csv"));

        Assert.Equal("zip,ruca", ruca[0]);
        Assert.Equal("zip,adi_national_percentile,adi_state_decile", adi[0]);
        Assert.Equal(13, ruca.Length);
        Assert.Equal(13, adi.Length);
        Assert.Contains("89418,10", ruca);
        Assert.Contains("89501,78,8", adi);
        var patientZips = _sample.Resources("Patient")
            .Select(p => p.GetProperty("address")[0].GetProperty("postalCode").GetString()!).ToHashSet();
        Assert.Subset(ruca.Skip(1).Select(l => l.Split(',')[0]).ToHashSet(), patientZips);
    }

    [Fact]
    public void Generate_Cancelled_LeavesNoManifest()
    {
        var dir = Path.Combine(Path.GetTempPath(), "radequity-synth-" + Guid.NewGuid().ToString("N"));
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress(n =>
        {
            if (n >= 1000)
            {
                cts.Cancel();
            }
        });
        try
        {
            Assert.ThrowsAny<OperationCanceledException>(() => SyntheticPopulation.Generate(
                new GeneratorOptions { Patients = 5000, Seed = 1, AsOf = SampleExport.AsOf, OutputDirectory = dir },
                progress, cts.Token));
            Assert.True(File.Exists(Path.Combine(dir, "Patient.ndjson")));
            Assert.False(File.Exists(Path.Combine(dir, "manifest.json")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Generate_Progress_ReportsEveryThousandAndTheTotal()
    {
        var dir = Path.Combine(Path.GetTempPath(), "radequity-synth-" + Guid.NewGuid().ToString("N"));
        var reports = new List<long>();
        try
        {
            SyntheticPopulation.Generate(
                new GeneratorOptions { Patients = 2500, Seed = 3, AsOf = SampleExport.AsOf, OutputDirectory = dir },
                new SynchronousProgress(reports.Add));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        Assert.Equal([1000L, 2000L, 2500L], reports);
    }

    private static Dictionary<string, string> Hashes(string dir) =>
        Directory.GetFiles(dir).ToDictionary(
            f => Path.GetFileName(f),
            f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))),
            StringComparer.Ordinal);

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
