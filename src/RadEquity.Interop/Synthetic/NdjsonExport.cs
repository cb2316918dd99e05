using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace RadEquity.Interop.Synthetic;

/// <summary>
/// One buffered NDJSON file per resource type. Each resource is written with a <see cref="Utf8JsonWriter"/> into
/// a reused buffer, then appended to its file followed by a newline; memory stays flat whatever the size.
/// </summary>
internal sealed class NdjsonExport : IDisposable
{
    public static readonly string[] ResourceTypes =
    [
        "Patient", "Coverage", "Encounter", "Procedure", "ImagingStudy", "DiagnosticReport", "Observation",
        "Condition", "Appointment", "Organization", "Location",
    ];

    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private readonly FileStream[] _files;
    private readonly long[] _counts;
    private int _current = -1;

    public NdjsonExport(string directory)
    {
        _files = new FileStream[ResourceTypes.Length];
        _counts = new long[ResourceTypes.Length];
        for (var i = 0; i < ResourceTypes.Length; i++)
        {
            _files[i] = new FileStream(Path.Combine(directory, ResourceTypes[i] + ".ndjson"), FileMode.Create,
                FileAccess.Write, FileShare.None, 1 << 16);
        }

        Json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = false });
    }

    public Utf8JsonWriter Json { get; }

    public IReadOnlyList<long> Counts => _counts;

    /// <summary>Starts a resource: <c>{"resourceType": type, "id": id</c>.</summary>
    public void Begin(string type, string id)
    {
        _current = Array.IndexOf(ResourceTypes, type);
        Json.WriteStartObject();
        Json.WriteString("resourceType", type);
        Json.WriteString("id", id);
    }

    /// <summary>Ends the resource and appends it, with a newline, to its file.</summary>
    public void End()
    {
        Json.WriteEndObject();
        Json.Flush();
        var file = _files[_current];
        file.Write(_buffer.WrittenSpan);
        file.WriteByte((byte)'\n');
        _counts[_current]++;
        _buffer.ResetWrittenCount();
        Json.Reset(_buffer);
    }

    public void Coding(string system, string code)
    {
        Json.WriteStartObject();
        Json.WriteString("system", system);
        Json.WriteString("code", code);
        Json.WriteEndObject();
    }

    public void Concept(string name, string system, string code)
    {
        Json.WriteStartObject(name);
        Json.WriteStartArray("coding");
        Coding(system, code);
        Json.WriteEndArray();
        Json.WriteEndObject();
    }

    public void Concept(string name, ReadOnlySpan<(string System, string Code)> codings)
    {
        Json.WriteStartObject(name);
        Json.WriteStartArray("coding");
        foreach (var (system, code) in codings)
        {
            Coding(system, code);
        }

        Json.WriteEndArray();
        Json.WriteEndObject();
    }

    /// <summary>An array with one CodeableConcept (category, type, serviceType ...).</summary>
    public void ConceptArray(string name, string system, string code)
    {
        Json.WriteStartArray(name);
        Json.WriteStartObject();
        Json.WriteStartArray("coding");
        Coding(system, code);
        Json.WriteEndArray();
        Json.WriteEndObject();
        Json.WriteEndArray();
    }

    public void Reference(string name, string reference)
    {
        Json.WriteStartObject(name);
        Json.WriteString("reference", reference);
        Json.WriteEndObject();
    }

    public void Date(string name, DateOnly date)
    {
        Span<char> s = stackalloc char[10];
        date.TryFormat(s, out var n, "yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);
        Json.WriteString(name, s[..n]);
    }

    /// <summary>A FHIR dateTime / instant in UTC, to the second.</summary>
    public void DateTime(string name, DateTime value)
    {
        Span<char> s = stackalloc char[20];
        value.TryFormat(s, out var n, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
        Json.WriteString(name, s[..n]);
    }

    public void Flush()
    {
        foreach (var f in _files)
        {
            f.Flush(flushToDisk: false);
        }
    }

    public void Dispose()
    {
        Json.Dispose();
        foreach (var f in _files)
        {
            f.Dispose();
        }
    }
}
