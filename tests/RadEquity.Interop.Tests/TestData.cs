using System.Text;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Ingest;
using RadEquity.Interop.Fhir;
using RadEquity.Interop.Ingest;

namespace RadEquity.Interop.Tests;

/// <summary>Paths of the checked-in samples and ways to read them without a sink.</summary>
internal static class TestData
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "TestFiles");

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Reads one file into items and file-level messages, as the ingest loop would.</summary>
    public static (List<IngestItem> Items, List<string> Messages) Read(string path, IngestOptions? options = null)
    {
        var context = new ReadContext(options ?? new IngestOptions(), CancellationToken.None);
        var kind = InputDiscovery.KindOf(path) ?? throw new ArgumentException("not an input file", nameof(path));
        var items = IngestRun.ReadFile(new InputFile(path, kind, new FileInfo(path).Length), context).ToList();
        return (items, context.Messages);
    }

    /// <summary>Projects one resource given as JSON text.</summary>
    public static IngestItem Project(string json, string source = "test")
    {
        var context = new ReadContext(new IngestOptions { Source = source }, CancellationToken.None);
        return NdjsonReader.ReadLine(Encoding.UTF8.GetBytes(json), new RecordLocation("inline.ndjson", 1), context);
    }

    public static T Fact<T>(IEnumerable<IngestItem> items, string id)
        where T : Fact
    {
        var resource = items.OfType<ProjectedResource>().Single(p => p.Key.ResourceId == id);
        return Assert.IsType<T>(resource.Fact);
    }

    public static QuarantinedRecord Quarantined(IEnumerable<IngestItem> items, long line) =>
        items.OfType<QuarantinedRecord>().Single(q => q.Location.Line == line);

    /// <summary>A fresh temporary folder, deleted with the returned handle.</summary>
    public static TempFolder TempFolder() => new();
}

internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "radequity-interop-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
