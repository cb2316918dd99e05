using System.Data.Common;
using System.Text.Json;
using RadEquity.Data.Model;
using RadEquity.Engine.Ingest;

namespace RadEquity.Data.Ingest;

/// <summary>
/// The <c>ingest_runs</c> bookkeeping both sinks share: the SQL is the same on SQLite and PostgreSQL; only the
/// timestamp parameter differs (ISO text on SQLite, timestamptz on PostgreSQL).
/// </summary>
internal static class IngestRunLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<long> BeginAsync(
        DbConnection connection, string source, IReadOnlyList<string> inputs, object startedAt, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"UPDATE ingest_runs SET status = '{IngestRunStatus.Interrupted}' WHERE status = '{IngestRunStatus.Running}';" +
            "INSERT INTO ingest_runs (source, inputs, started_at, status) " +
            $"VALUES (@source, @inputs, @started_at, '{IngestRunStatus.Running}') RETURNING id;";
        Add(command, "source", source);
        Add(command, "inputs", JsonSerializer.Serialize(inputs, Json));
        Add(command, "started_at", startedAt);
        var id = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    public static async Task CompleteAsync(
        DbConnection connection, long runId, IngestSummary summary, object finishedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE ingest_runs SET status = @status, finished_at = @finished_at, summary = @summary WHERE id = @id;";
        Add(command, "status", summary.Completed ? IngestRunStatus.Completed : IngestRunStatus.Failed);
        Add(command, "finished_at", finishedAt);
        Add(command, "summary", JsonSerializer.Serialize(RunSummaryDocument.From(summary), Json));
        Add(command, "id", runId);
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            throw new InvalidOperationException($"Ingest run {runId} does not exist.");
        }
    }

    public static RunSummaryDocument? ReadSummary(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<RunSummaryDocument>(json, Json);

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

/// <summary>The JSON kept in <c>ingest_runs.summary</c>.</summary>
internal sealed record RunSummaryDocument(
    long Resources,
    long Inserted,
    long Updated,
    long Unchanged,
    long Deleted,
    long Quarantined,
    long Bytes,
    double ElapsedSeconds,
    bool Completed,
    IReadOnlyDictionary<string, long> ResourcesByType,
    IReadOnlyDictionary<string, long> FactsByKind,
    IReadOnlyList<string> Messages)
{
    public static RunSummaryDocument From(IngestSummary summary) => new(
        summary.Resources,
        summary.Changes.Inserted,
        summary.Changes.Updated,
        summary.Changes.Unchanged,
        summary.Changes.Deleted,
        summary.Quarantined,
        summary.Bytes,
        summary.Elapsed.TotalSeconds,
        summary.Completed,
        summary.ResourcesByType,
        summary.FactsByKind,
        summary.Messages);
}
