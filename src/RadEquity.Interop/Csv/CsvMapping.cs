using System.Text.Json;

namespace RadEquity.Interop.Csv;

/// <summary>The kinds of CSV file in the RadEquity layout (docs/csv-format.md).</summary>
public enum CsvFileKind
{
    /// <summary><c>patients.csv</c>: one row per patient → Patient.</summary>
    Patients,

    /// <summary><c>coverage.csv</c>: one row per coverage → Coverage.</summary>
    Coverage,

    /// <summary><c>exams.csv</c>: one row per imaging exam → Procedure, and Observation when it has a result.</summary>
    Exams,

    /// <summary><c>appointments.csv</c>: one row per appointment → Appointment.</summary>
    Appointments,
}

/// <summary>
/// How a practice's CSV exports map onto the RadEquity CSV layout, without code: per file kind, which of their
/// columns holds each of ours and how their values translate to ours; the date formats they write; the delimiter.
/// Read from JSON (see docs/csv-format.md).
/// </summary>
public sealed record CsvMapping
{
    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The field delimiter (default comma).</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Date and date-time formats tried in order (.NET custom format strings, invariant culture) after
    /// ISO 8601 / FHIR dates, e.g. <c>MM/dd/yyyy</c>.</summary>
    public IReadOnlyList<string> DateFormats { get; init; } = [];

    /// <summary>Per file kind: <c>patients</c>, <c>coverage</c>, <c>exams</c>, <c>appointments</c>.</summary>
    public IReadOnlyDictionary<string, CsvFileMapping> Files { get; init; } = new Dictionary<string, CsvFileMapping>();

    /// <summary>The layout as documented, with no renaming.</summary>
    public static CsvMapping Default { get; } = new();

    /// <summary>Reads a mapping from JSON text.</summary>
    /// <exception cref="JsonException">The JSON is not a mapping.</exception>
    public static CsvMapping Parse(string json) =>
        JsonSerializer.Deserialize<CsvMapping>(json, SerializerOptions) ?? throw new JsonException("empty mapping");

    /// <summary>Reads a mapping file.</summary>
    public static CsvMapping Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>The mapping of one file kind; the identity when the mapping file does not mention it.</summary>
    public CsvFileMapping For(CsvFileKind kind) =>
        Files.TryGetValue(KindName(kind), out var mapping) ? mapping : CsvFileMapping.Identity;

    /// <summary>The name of a file kind, as in file names and in the mapping JSON.</summary>
    public static string KindName(CsvFileKind kind) => kind switch
    {
        CsvFileKind.Patients => "patients",
        CsvFileKind.Coverage => "coverage",
        CsvFileKind.Exams => "exams",
        CsvFileKind.Appointments => "appointments",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The kind of a CSV file by its name: the mapping's <see cref="CsvFileMapping.FileNames"/> first, then
    /// a name ending in <c>patients.csv</c>, <c>coverage.csv</c>, <c>exams.csv</c> or <c>appointments.csv</c>.</summary>
    public CsvFileKind? KindOf(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var kind in Enum.GetValues<CsvFileKind>())
        {
            foreach (var fileName in For(kind).FileNames)
            {
                if (string.Equals(fileName, name, StringComparison.OrdinalIgnoreCase))
                {
                    return kind;
                }
            }
        }

        foreach (var kind in Enum.GetValues<CsvFileKind>())
        {
            if (name.EndsWith(KindName(kind) + ".csv", StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        return null;
    }
}

/// <summary>The mapping of one CSV file kind.</summary>
public sealed record CsvFileMapping
{
    /// <summary>No renaming, no translation.</summary>
    public static CsvFileMapping Identity { get; } = new();

    /// <summary>File names (without folder) that hold this kind, besides the default <c>*patients.csv</c> etc.</summary>
    public IReadOnlyList<string> FileNames { get; init; } = [];

    /// <summary>Our column name → the practice's column name (header), case-insensitive.</summary>
    public IReadOnlyDictionary<string, string> Columns { get; init; } = new Dictionary<string, string>();

    /// <summary>Our column name → (their value → our value), values compared case-insensitively after trimming.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Values { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>Our column name → a constant used when the row has no value for it (e.g. a code system the
    /// export never writes).</summary>
    public IReadOnlyDictionary<string, string> Defaults { get; init; } = new Dictionary<string, string>();

    /// <summary>The practice's header for one of our columns.</summary>
    internal string HeaderOf(string column) => Columns.TryGetValue(column, out var header) ? header : column;
}
