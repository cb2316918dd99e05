using RadEquity.Interop.Ingest;

namespace RadEquity.Interop.Tests.Ingest;

public class InputDiscoveryTests
{
    [Fact]
    public void Discover_Folder_SortedOrdinalManifestOutputsOnce()
    {
        var plan = InputDiscovery.Discover([TestData.File("bulk")]);

        Assert.Equal(
            ["Encounter.000.ndjson", "Patient.000.ndjson", "ground-truth.json", "log.ndjson", "zip-ruca.csv"],
            plan.Files.Select(f => Path.GetFileName(f.Path)));
        Assert.Equal(InputKind.Ndjson, plan.Files[0].Kind);
    }

    [Fact]
    public void Discover_ManifestFirst_OutputsInManifestOrder()
    {
        var plan = InputDiscovery.Discover([TestData.File("bulk", "manifest.json"), TestData.File("bulk")]);

        Assert.Equal("Patient.000.ndjson", Path.GetFileName(plan.Files[0].Path));
        Assert.Equal("Encounter.000.ndjson", Path.GetFileName(plan.Files[1].Path));
        Assert.Equal(5, plan.Files.Count);
    }

    [Fact]
    public void Discover_MissingPathAndRemoteOutput_Messages()
    {
        using var folder = TestData.TempFolder();
        File.WriteAllText(folder.File("manifest.json"),
            """{"transactionTime":"2025-01-01T00:00:00Z","output":[{"type":"Patient","url":"https://files.example.org/p.ndjson"},{"type":"Encounter","url":"gone.ndjson"}]}""");

        var plan = InputDiscovery.Discover([folder.Path, folder.File("nope.ndjson")]);

        Assert.Empty(plan.Files);
        Assert.Equal(3, plan.Messages.Count);
        Assert.Contains(plan.Messages, m => m.Contains("not a local file", StringComparison.Ordinal));
        Assert.Contains(plan.Messages, m => m.Contains("gone.ndjson not found", StringComparison.Ordinal));
        Assert.Contains(plan.Messages, m => m.EndsWith("nope.ndjson: no such file or folder", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("a.ndjson", InputKind.Ndjson)]
    [InlineData("a.NDJSON.GZ", InputKind.NdjsonGzip)]
    [InlineData("bundle.json", InputKind.Json)]
    [InlineData("exams.csv", InputKind.Csv)]
    [InlineData("README.md", null)]
    public void KindOf_Extension_Kind(string name, InputKind? kind) => Assert.Equal(kind, InputDiscovery.KindOf(name));
}
