using System.Globalization;
using Microsoft.Data.Sqlite;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Ingest;

namespace RadEquity.Data.Ingest;

/// <summary>
/// Writes ingest batches to SQLite: one IMMEDIATE transaction per batch, each statement prepared once per batch
/// and re-bound per row, WAL journal with synchronous=NORMAL (durable at checkpoints, never corrupt).
/// </summary>
internal sealed class SqliteIngestSink(string connectionString, TimeProvider time) : IIngestSink
{
    private static readonly string[] KeyNames = Names(FactTable.KeyColumns);
    private static readonly string[] RawNames = Names(FactTable.KeyColumns.Concat(FactTable.RawColumns));
    private static readonly string SelectStoredSql =
        "SELECT content_hash, version_id, last_updated FROM raw_resources WHERE " + SqlText.KeyMatch;
    private static readonly string DeleteRawSql = "DELETE FROM raw_resources WHERE " + SqlText.KeyMatch;
    private static readonly string RawUpsertSql = SqlText.RawUpsert("VALUES (" + SqlText.ParameterList(RawNames) + ")");
    private static readonly string QuarantineUpsertSql =
        SqlText.QuarantineUpsert("VALUES (" + SqlText.ParameterList(SqlText.QuarantineColumns) + ")");
    private static readonly Dictionary<string, string> DeleteFactSql =
        FactTable.All.ToDictionary(t => t.Name, t => $"DELETE FROM {t.Name} WHERE " + SqlText.KeyMatch);
    private static readonly Dictionary<string, (string Sql, string[] Names)> InsertSql = FactTable.All.ToDictionary(
        t => t.Name,
        t =>
        {
            var names = Names(FactTable.KeyColumns.Concat(t.Columns));
            return ($"INSERT INTO {t.Name} ({string.Join(", ", names)}) VALUES ({SqlText.ParameterList(names)})", names);
        });

    /// <summary>Test seam: runs after every write of a batch, just before its commit.</summary>
    internal Func<Task>? BeforeCommit { get; init; }

    public async Task<long> BeginRunAsync(string source, IReadOnlyList<string> inputs, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await IngestRunLog.BeginAsync(connection, source, inputs, StoreTimestamp.ToSqliteText(startedAt), cancellationToken).ConfigureAwait(false);
    }

    public async Task CompleteRunAsync(long runId, IngestSummary summary, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await IngestRunLog.CompleteAsync(connection, runId, summary, StoreTimestamp.ToSqliteText(time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
    }

    public async Task<BatchResult> WriteBatchAsync(long runId, IReadOnlyList<IngestItem> batch, CancellationToken cancellationToken)
    {
        var plan = BatchPlan.Create(batch);
        var now = StoreTimestamp.ToSqliteText(time.GetUtcNow());
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction();
        using var statements = new Statements(connection, transaction);

        long inserted = 0, updated = 0, unchanged = plan.Superseded, deleted = 0;
        foreach (var pending in plan.Resources)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = pending.Key;
            var action = pending.Decide(ReadStored(statements, key));
            switch (action)
            {
                case WriteAction.Unchanged:
                    unchanged++;
                    continue;
                case WriteAction.Delete:
                    DeleteFacts(statements, key);
                    statements.Get(DeleteRawSql, KeyNames).Execute(key.Source, key.ResourceType, key.ResourceId);
                    deleted++;
                    continue;
                case WriteAction.Replace:
                    DeleteFacts(statements, key);
                    updated++;
                    break;
                case WriteAction.Insert:
                    inserted++;
                    break;
            }

            var resource = pending.Resource!;
            statements.Get(RawUpsertSql, RawNames)
                .Execute(
                    key.Source, key.ResourceType, key.ResourceId, resource.PatientId ?? FactTable.PatientIdOf(resource.Fact), resource.VersionId,
                    resource.LastUpdated, pending.ContentHash, RawContent.Compress(resource.RawJson.Span), now);
            if (resource.Fact is { } fact)
            {
                var table = FactTable.For(fact);
                var (sql, names) = InsertSql[table.Name];
                statements.Get(sql, names)
                    .Execute([key.Source, key.ResourceType, key.ResourceId, .. table.Values(fact)]);
            }
        }

        var upsert = statements.Get(QuarantineUpsertSql, SqlText.QuarantineColumns);
        foreach (var record in plan.Quarantined)
        {
            upsert.Execute(
                runId, record.Source, record.Location.File, record.Location.Line, record.Location.Field, record.ResourceType,
                record.ResourceId, record.Reason, record.Excerpt, now);
        }

        if (BeforeCommit is not null)
        {
            await BeforeCommit().ConfigureAwait(false);
        }

        transaction.Commit();
        return new BatchResult(inserted, updated, unchanged, deleted, plan.Quarantined.Count);
    }

    private static string[] Names(IEnumerable<Column> columns) => columns.Select(c => c.Name).ToArray();

    private static StoredVersion? ReadStored(Statements statements, ResourceKey key)
    {
        var command = statements.Get(SelectStoredSql, KeyNames);
        command.Bind(key.Source, key.ResourceType, key.ResourceId);
        using var reader = command.Command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new StoredVersion(
            reader.GetFieldValue<byte[]>(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : StoreTimestamp.FromSqliteText(reader.GetString(2)));
    }

    private static void DeleteFacts(Statements statements, ResourceKey key)
    {
        foreach (var table in FactTable.All)
        {
            statements.Get(DeleteFactSql[table.Name], KeyNames).Execute(key.Source, key.ResourceType, key.ResourceId);
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA cache_size=-32768;";
            pragma.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The batch's prepared statements, created on first use and disposed with the batch.</summary>
    private sealed class Statements(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
    {
        private readonly Dictionary<string, Prepared> _byText = new(StringComparer.Ordinal);

        public Prepared Get(string sql, IReadOnlyList<string> parameterNames)
        {
            if (!_byText.TryGetValue(sql, out var prepared))
            {
                var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                foreach (var name in parameterNames)
                {
                    command.Parameters.Add(new SqliteParameter("@" + name, null));
                }

                command.Prepare();
                prepared = new Prepared(command);
                _byText.Add(sql, prepared);
            }

            return prepared;
        }

        public void Dispose()
        {
            foreach (var prepared in _byText.Values)
            {
                prepared.Command.Dispose();
            }
        }
    }

    private sealed class Prepared(SqliteCommand command)
    {
        public SqliteCommand Command { get; } = command;

        public void Bind(params object?[] values)
        {
            var parameters = Command.Parameters;
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] switch
                {
                    null => DBNull.Value,
                    DateTimeOffset timestamp => StoreTimestamp.ToSqliteText(timestamp),
                    decimal number => number.ToString("0.0###########################", CultureInfo.InvariantCulture),
                    var value => value,
                };
            }
        }

        public void Execute(params object?[] values)
        {
            Bind(values);
            Command.ExecuteNonQuery();
        }
    }
}
