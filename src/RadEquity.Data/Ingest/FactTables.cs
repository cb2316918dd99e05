using System.Globalization;
using RadEquity.Engine.Facts;

namespace RadEquity.Data.Ingest;

/// <summary>The storage type of a column, which each sink maps to its provider's parameter or COPY type.</summary>
internal enum ColumnType
{
    Text,
    Bool,
    Date,
    Timestamp,
    Double,
    Decimal,
    Bytes,
    Long,
}

/// <summary>A column the sinks write, named as <see cref="RadEquityDbContext"/> maps it.</summary>
internal sealed record Column(string Name, ColumnType Type);

/// <summary>
/// One fact table as the bulk sinks see it: its columns after the resource key (source, resource_type,
/// resource_id) and how a fact fills them. Kept beside the EF model; the sink tests read every column back
/// through EF, so a mismatch fails there.
/// </summary>
internal sealed class FactTable
{
    private readonly Func<Fact, object?[]> _values;

    private FactTable(int index, string name, Type factType, Column[] columns, Func<Fact, object?[]> values)
    {
        Index = index;
        Name = name;
        FactType = factType;
        Columns = columns;
        _values = values;
    }

    public static Column[] KeyColumns { get; } =
        [new("source", ColumnType.Text), new("resource_type", ColumnType.Text), new("resource_id", ColumnType.Text)];

    public static IReadOnlyList<FactTable> All { get; } =
    [
        new(0, "patients", typeof(PatientFact),
            [Text("patient_id"), new("birth_date", ColumnType.Date), Text("sex"), Text("birth_sex"), Text("race_codes"),
             Text("ethnicity_codes"), Text("language_code"), new("needs_interpreter", ColumnType.Bool), Text("postal_code"),
             Text("state"), new("latitude", ColumnType.Double), new("longitude", ColumnType.Double), new("deceased_date", ColumnType.Date)],
            f => f is PatientFact p
                ? [p.PatientId, p.BirthDate, EnumName(p.Sex), p.BirthSex, Coding.Join(p.RaceCodes), Coding.Join(p.EthnicityCodes),
                   p.LanguageCode, p.NeedsInterpreter, p.PostalCode, p.State, p.Latitude, p.Longitude, p.DeceasedDate]
                : throw Mismatch(f)),
        new(1, "coverages", typeof(CoverageFact),
            [Text("patient_id"), Text("category"), Text("type_codes"), Text("status"), new("start_date", ColumnType.Date),
             new("end_date", ColumnType.Date), Text("payer_name")],
            f => f is CoverageFact c
                ? [c.PatientId, EnumName(c.Category), Coding.Join(c.TypeCodes), c.Status, c.Start, c.End, c.PayerName]
                : throw Mismatch(f)),
        new(2, "clinical_events", typeof(ClinicalEvent),
            [Text("patient_id"), Text("kind"), Text("codes"), Text("categories"), Text("status"), Stamp("starts_at"),
             Stamp("ends_at"), Text("value_codes"), new("value_quantity", ColumnType.Decimal), Text("value_unit"),
             Text("body_site_codes"), Text("location_id"), Text("based_on_id")],
            f => f is ClinicalEvent e
                ? [e.PatientId, EnumName(e.Kind), Coding.Join(e.Codes), Coding.Join(e.Categories), e.Status, e.Start, e.End,
                   Coding.Join(e.ValueCodes), e.ValueQuantity, e.ValueUnit, Coding.Join(e.BodySiteCodes), e.LocationId, e.BasedOnId]
                : throw Mismatch(f)),
        new(3, "appointments", typeof(AppointmentFact),
            [Text("patient_id"), Text("status"), Text("service_codes"), Stamp("starts_at"), Stamp("ends_at"),
             Stamp("created_at"), Text("location_id")],
            f => f is AppointmentFact a
                ? [a.PatientId, a.Status, Coding.Join(a.ServiceCodes), a.Start, a.End, a.Created, a.LocationId]
                : throw Mismatch(f)),
        new(4, "sites", typeof(SiteFact),
            [Text("location_id"), Text("name"), new("is_mobile", ColumnType.Bool), Text("postal_code"),
             new("latitude", ColumnType.Double), new("longitude", ColumnType.Double), Text("organization_id")],
            f => f is SiteFact s
                ? [s.LocationId, s.Name, s.IsMobile, s.PostalCode, s.Latitude, s.Longitude, s.OrganizationId]
                : throw Mismatch(f)),
    ];

    /// <summary>The raw_resources columns after the key, in the order both sinks write them.</summary>
    public static Column[] RawColumns { get; } =
    [
        Text("patient_id"), Text("version_id"), Stamp("last_updated"), new("content_hash", ColumnType.Bytes),
        new("content", ColumnType.Bytes), Stamp("ingested_at"),
    ];

    /// <summary>The table's position in <see cref="All"/>.</summary>
    public int Index { get; }

    public string Name { get; }

    public Type FactType { get; }

    /// <summary>The columns after the resource key.</summary>
    public Column[] Columns { get; }

    public static FactTable For(Fact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        foreach (var table in All)
        {
            if (table.FactType == fact.GetType())
            {
                return table;
            }
        }

        throw new NotSupportedException($"No table stores {fact.GetType().Name}.");
    }

    /// <summary>The values of <see cref="Columns"/> for a fact of this table.</summary>
    public object?[] Values(Fact fact) => _values(fact);

    /// <summary>The patient whose record the fact belongs to; null for places.</summary>
    public static string? PatientIdOf(Fact? fact) => fact switch
    {
        PatientFact p => p.PatientId,
        CoverageFact c => c.PatientId,
        ClinicalEvent e => e.PatientId,
        AppointmentFact a => a.PatientId,
        _ => null,
    };

    private static Column Text(string name) => new(name, ColumnType.Text);

    private static Column Stamp(string name) => new(name, ColumnType.Timestamp);

    private static string EnumName<T>(T value)
        where T : struct, Enum => Convert.ToString(value, CultureInfo.InvariantCulture)!;

    private static InvalidOperationException Mismatch(Fact fact) => new($"Unexpected fact {fact.GetType().Name}.");
}
