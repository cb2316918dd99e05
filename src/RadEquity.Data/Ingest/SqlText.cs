namespace RadEquity.Data.Ingest;

/// <summary>The statements both sinks run, written once (the schema's names are the same on both providers).</summary>
internal static class SqlText
{
    public const string KeyMatch = "source = @source AND resource_type = @resource_type AND resource_id = @resource_id";

    public static readonly string[] QuarantineColumns =
        ["run_id", "source", "file", "line", "field", "resource_type", "resource_id", "reason", "excerpt", "quarantined_at"];

    public static string RawUpsert(string valuesOrSelect) =>
        $"INSERT INTO raw_resources ({ColumnList(FactTable.KeyColumns.Concat(FactTable.RawColumns))}) {valuesOrSelect} " +
        "ON CONFLICT (source, resource_type, resource_id) DO UPDATE SET " +
        string.Join(", ", FactTable.RawColumns.Select(c => $"{c.Name} = excluded.{c.Name}"));

    public static string QuarantineUpsert(string valuesOrSelect) =>
        $"INSERT INTO quarantine ({string.Join(", ", QuarantineColumns)}) {valuesOrSelect} " +
        "ON CONFLICT (source, file, line) DO UPDATE SET " +
        string.Join(", ", QuarantineColumns.Except(["source", "file", "line"]).Select(c => $"{c} = excluded.{c}"));

    public static string ColumnList(IEnumerable<Column> columns) => string.Join(", ", columns.Select(c => c.Name));

    public static string ParameterList(IEnumerable<string> names) => string.Join(", ", names.Select(n => "@" + n));
}
