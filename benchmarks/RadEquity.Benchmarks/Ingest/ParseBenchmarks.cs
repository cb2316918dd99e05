using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using RadEquity.Engine.Ingest;
using RadEquity.Interop.Fhir;
using RadEquity.Interop.Ingest;

namespace RadEquity.Benchmarks.Ingest;

/// <summary>
/// NDJSON parsing on the same bytes: (a) a bare Utf8JsonReader pass over every token — the limit; (b) RadEquity's
/// read-validate-project path (line reader, UTF-8 check, parse once, project to facts, raw bytes kept); (c) the
/// Firely SDK deserialising each line into POCOs (its System.Text.Json converter) — the peer.
/// </summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private byte[] _corpus = [];
    private JsonSerializerOptions _firely = null!;
    private ReadContext _context = null!;

    /// <summary>Patients in the corpus (about 27 resources each).</summary>
    [Params(400)]
    public int Patients { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_corpus, var resources) = NdjsonCorpus.Build(Patients);
        _firely = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);
        _context = new ReadContext(new IngestOptions(), CancellationToken.None);
        Console.WriteLine($"// corpus: {resources} resources, {_corpus.Length} bytes, {ForwardLines()} on the forward path");
        if (ParseAndProject() != resources || Firely() != resources || Utf8JsonReaderPass() == 0)
        {
            throw new InvalidOperationException("the three paths disagree on the corpus");
        }
    }

    /// <summary>How many lines the forward pass projects (the rest take the header or the document path).</summary>
    private int ForwardLines()
    {
        var forward = 0;
        var projector = new ResourceProjector("corpus");
        foreach (var range in _corpus.AsSpan().Split((byte)'\n'))
        {
            var line = _corpus.AsSpan()[range].ToArray();
            if (line.Length > 0 && HeaderProjection.LeadingResourceType(line) is { } type &&
                ForwardProjection.TryProject(type, line, new RecordLocation("corpus.ndjson", 1), projector) is not null)
            {
                forward++;
            }
        }

        return forward;
    }

    [Benchmark(Baseline = true, Description = "(a) Utf8JsonReader, every token")]
    public long Utf8JsonReaderPass()
    {
        long tokens = 0;
        var rest = _corpus.AsSpan();
        while (!rest.IsEmpty)
        {
            var newline = rest.IndexOf((byte)'\n');
            var line = newline < 0 ? rest : rest[..newline];
            rest = newline < 0 ? [] : rest[(newline + 1)..];
            var reader = new Utf8JsonReader(line);
            while (reader.Read())
            {
                tokens++;
            }
        }

        return tokens;
    }

    [Benchmark(Description = "(x) JsonDocument.Parse only")]
    public int DocumentOnly()
    {
        var count = 0;
        var rest = _corpus.AsMemory();
        while (!rest.IsEmpty)
        {
            var newline = rest.Span.IndexOf((byte)'\n');
            var line = newline < 0 ? rest : rest[..newline];
            rest = newline < 0 ? default : rest[(newline + 1)..];
            using var document = JsonDocument.Parse(line);
            count += document.RootElement.ValueKind == JsonValueKind.Object ? 1 : 0;
        }

        return count;
    }

    [Benchmark(Description = "(b) RadEquity parse + project")]
    public int ParseAndProject()
    {
        var count = 0;
        using var stream = new MemoryStream(_corpus, writable: false);
        var lines = new LineReader(stream, _context.Options.MaxRecordBytes);
        while (lines.Read() == LineStatus.Line)
        {
            var item = NdjsonReader.ReadLine(lines.Line.Span, new RecordLocation("corpus.ndjson", lines.LineNumber), _context);
            if (item is ProjectedResource)
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark(Description = "(c) Firely SDK POCOs")]
    public int Firely()
    {
        var count = 0;
        var rest = _corpus.AsSpan();
        while (!rest.IsEmpty)
        {
            var newline = rest.IndexOf((byte)'\n');
            var line = newline < 0 ? rest : rest[..newline];
            rest = newline < 0 ? [] : rest[(newline + 1)..];
            var reader = new Utf8JsonReader(line);
            if (JsonSerializer.Deserialize<Resource>(ref reader, _firely) is not null)
            {
                count++;
            }
        }

        return count;
    }
}
