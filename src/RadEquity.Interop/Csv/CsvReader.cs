using System.Buffers;
using System.Text;
using System.Text.Json;
using RadEquity.Engine.Ingest;
using RadEquity.Interop.Fhir;
using RadEquity.Interop.Ingest;

namespace RadEquity.Interop.Csv;

/// <summary>
/// Reads a CSV file of the RadEquity layout (docs/csv-format.md) into the same items as FHIR: resources keyed by
/// the CSV id column, raw = the row as a small JSON object (header → value), facts projected from the row; a bad
/// row is quarantined with its line and the column at fault, and the other rows load.
/// </summary>
internal static class CsvReader
{
    public static IEnumerable<IngestItem> Read(string path, ReadContext context)
    {
        var mapping = context.Options.CsvMapping ?? CsvMapping.Default;
        if (mapping.KindOf(path) is not { } kind)
        {
            context.Message(path, "not a RadEquity CSV file (expected a name ending in patients.csv, coverage.csv, exams.csv or appointments.csv, or one named in the CSV mapping), skipped");
            yield break;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        context.CurrentFile = file;
        using var text = new StreamReader(file, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, 64 * 1024);
        var parser = new CsvParser(text, mapping.Delimiter, context.Options.MaxRecordBytes);
        var header = new List<string>();
        if (!parser.TryRead(header))
        {
            context.Message(path, "empty file, nothing read");
            yield break;
        }

        var fileMapping = mapping.For(kind);
        var row = new CsvRow(header, fileMapping, mapping.DateFormats);
        var missing = row.MissingColumns(CsvRows.RequiredColumns(kind));
        if (missing.Count > 0)
        {
            context.Message(path, "missing required column(s) " + string.Join(", ", missing) + ", file skipped");
            yield break;
        }

        var fields = new List<string>(header.Count);
        var projector = context.Projector;
        var rows = 0;
        while (parser.TryRead(fields))
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            rows++;
            var location = new RecordLocation(path, parser.RecordLine);
            var raw = RawJson(header, fields);
            if (parser.Error is { } error)
            {
                yield return projector.Quarantine(location, null, CsvRows.ResourceType(kind), null, error, raw);
                continue;
            }

            if (fields.Count != header.Count)
            {
                yield return projector.Quarantine(location, null, CsvRows.ResourceType(kind), null,
                    $"row has {fields.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)} fields, the header has {header.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)}", raw);
                continue;
            }

            row.Fields = fields;
            foreach (var item in CsvRows.Project(kind, row, location, raw, projector))
            {
                yield return item;
            }
        }

        if (rows == 0)
        {
            context.Message(path, "header only, no rows");
        }
    }

    /// <summary>The row as a JSON object of header → value (the raw record kept for audit).</summary>
    private static byte[] RawJson(List<string> header, List<string> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            for (var i = 0; i < fields.Count; i++)
            {
                writer.WriteString(i < header.Count ? header[i] : "column" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), fields[i]);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>One CSV row read through the mapping: our column names in, translated values out.</summary>
internal sealed class CsvRow
{
    private readonly Dictionary<string, int> _index = new(StringComparer.OrdinalIgnoreCase);
    private readonly CsvFileMapping _mapping;
    private readonly Dictionary<string, Dictionary<string, string>> _values = new(StringComparer.OrdinalIgnoreCase);

    public CsvRow(List<string> header, CsvFileMapping mapping, IReadOnlyList<string> dateFormats)
    {
        _mapping = mapping;
        DateFormats = dateFormats;
        for (var i = 0; i < header.Count; i++)
        {
            _index.TryAdd(header[i].Trim(), i);
        }

        foreach (var (column, translations) in mapping.Values)
        {
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (from, to) in translations)
            {
                map[from.Trim()] = to;
            }

            _values[column] = map;
        }
    }

    public IReadOnlyList<string> DateFormats { get; }

    public List<string> Fields { get; set; } = [];

    public List<string> MissingColumns(IEnumerable<string> columns) =>
        columns.Where(c => !_index.ContainsKey(_mapping.HeaderOf(c))).Select(_mapping.HeaderOf).ToList();

    /// <summary>The practice's header for our column (for quarantine messages).</summary>
    public string Field(string column) => _mapping.HeaderOf(column);

    /// <summary>Our column's value, trimmed and translated; null when the column is absent or empty.</summary>
    public string? Get(string column)
    {
        var value = _index.TryGetValue(_mapping.HeaderOf(column), out var i) && i < Fields.Count ? Fields[i].Trim() : string.Empty;
        if (value.Length == 0)
        {
            return _mapping.Defaults.TryGetValue(column, out var constant) ? constant : null;
        }

        return Translate(column, value);
    }

    /// <summary>Translates one value of our column through the mapping's value table.</summary>
    public string Translate(string column, string value) =>
        _values.TryGetValue(column, out var map) && map.TryGetValue(value, out var translated) ? translated : value;

    public string Require(string column) =>
        Get(column) ?? throw new ProjectionException(Field(column), Field(column) + " is empty");
}
