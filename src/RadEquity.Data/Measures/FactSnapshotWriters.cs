using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using RadEquity.Data.Ingest;

namespace RadEquity.Data.Measures;

/// <summary>The refresh's writers, one per database: a refresh writes through exactly one, in one transaction.</summary>
public static partial class FactSnapshot
{
    /// <summary>One refresh's write transaction.</summary>
    private abstract class SnapshotWriter : IAsyncDisposable
    {
        /// <summary>The rows' format (null when never built), the pending patients, and all patients.</summary>
        public abstract Task<(int? Format, long Pending, long Patients)> StateAsync(CancellationToken cancellationToken);

        public abstract Task<IReadOnlyList<(int Id, string Text)>> TextsAsync(CancellationToken cancellationToken);

        /// <summary>Deletes every row and the dictionary (<paramref name="all"/>), or the rows of the pending patients.</summary>
        public abstract Task ClearAsync(bool all, CancellationToken cancellationToken);

        public abstract Task WriteAsync(string source, string patientId, ReadOnlyMemory<byte> facts, CancellationToken cancellationToken);

        public abstract Task AddTextsAsync(IReadOnlyList<(int Id, string Text)> texts, CancellationToken cancellationToken);

        /// <summary>Clears the pending marks, records the format, and commits.</summary>
        public abstract Task CommitAsync(CancellationToken cancellationToken);

        public abstract ValueTask DisposeAsync();

        protected static (int?, long, long) State(object? format, object? pending, object? patients) => (
            format is null or DBNull ? null : Convert.ToInt32(format, CultureInfo.InvariantCulture),
            Convert.ToInt64(pending, CultureInfo.InvariantCulture), Convert.ToInt64(patients, CultureInfo.InvariantCulture));

        protected const string StateSql =
            "SELECT (SELECT format FROM fact_snapshot_state WHERE id = 1), (SELECT count(*) FROM fact_snapshot_pending), (SELECT count(*) FROM patients)";

        protected const string ClearPendingRowsSql =
            "DELETE FROM fact_snapshots WHERE (source, patient_id) IN (SELECT source, patient_id FROM fact_snapshot_pending)";
    }

    private sealed class SqliteSnapshotWriter : SnapshotWriter
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteTransaction _transaction;
        private SqliteStatement? _insertRow;
        private SqliteStatement? _insertText;

        private SqliteSnapshotWriter(SqliteConnection connection, SqliteTransaction transaction)
        {
            _connection = connection;
            _transaction = transaction;
        }

        public static async Task<SnapshotWriter> BeginAsync(string connectionString, CancellationToken cancellationToken)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using (var pragma = connection.CreateCommand())
                {
                    pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA cache_size=-65536;";
                    await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                // IMMEDIATE: the write lock first, so no fact change commits between reading the marks and clearing them.
                return new SqliteSnapshotWriter(connection, connection.BeginTransaction(deferred: false));
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        public override async Task<(int? Format, long Pending, long Patients)> StateAsync(CancellationToken cancellationToken)
        {
            await using var command = Command(StateSql);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return State(reader.GetValue(0), reader.GetValue(1), reader.GetValue(2));
        }

        public override async Task<IReadOnlyList<(int Id, string Text)>> TextsAsync(CancellationToken cancellationToken)
        {
            var texts = new List<(int, string)>();
            await using var command = Command("SELECT id, text FROM fact_snapshot_texts");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                texts.Add((reader.GetInt32(0), reader.GetString(1)));
            }

            return texts;
        }

        public override async Task ClearAsync(bool all, CancellationToken cancellationToken)
        {
            await using var command = Command(all ? "DELETE FROM fact_snapshots; DELETE FROM fact_snapshot_texts;" : ClearPendingRowsSql);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public override Task WriteAsync(string source, string patientId, ReadOnlyMemory<byte> facts, CancellationToken cancellationToken)
        {
            _insertRow ??= new SqliteStatement(_connection, "INSERT INTO fact_snapshots (source, patient_id, facts) VALUES (?1, ?2, ?3)", 3);
            _insertRow.BindText(1, source);
            _insertRow.BindText(2, patientId);
            _insertRow.BindBlob(3, facts.Span);
            _insertRow.Execute();
            return Task.CompletedTask;
        }

        public override Task AddTextsAsync(IReadOnlyList<(int Id, string Text)> texts, CancellationToken cancellationToken)
        {
            foreach (var (id, text) in texts)
            {
                _insertText ??= new SqliteStatement(_connection, "INSERT INTO fact_snapshot_texts (id, text) VALUES (?1, ?2)", 2);
                _insertText.BindInt64(1, id);
                _insertText.BindText(2, text);
                _insertText.Execute();
            }

            return Task.CompletedTask;
        }

        public override async Task CommitAsync(CancellationToken cancellationToken)
        {
            await using var command = Command(
                "DELETE FROM fact_snapshot_pending; INSERT INTO fact_snapshot_state (id, format) VALUES (1, $format) " +
                "ON CONFLICT (id) DO UPDATE SET format = excluded.format;");
            command.Parameters.AddWithValue("$format", Format);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await _transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        public override async ValueTask DisposeAsync()
        {
            _insertRow?.Dispose();
            _insertText?.Dispose();
            // Rolls back when the refresh did not commit.
            await _transaction.DisposeAsync().ConfigureAwait(false);
            await _connection.DisposeAsync().ConfigureAwait(false);
        }

        private SqliteCommand Command(string sql)
        {
            var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = sql;
            return command;
        }
    }

    private sealed class PostgresSnapshotWriter : SnapshotWriter
    {
        private readonly NpgsqlConnection _connection;
        private readonly NpgsqlTransaction _transaction;
        private readonly List<(int Id, string Text)> _texts = [];
        private NpgsqlBinaryImporter? _rows;

        private PostgresSnapshotWriter(NpgsqlConnection connection, NpgsqlTransaction transaction)
        {
            _connection = connection;
            _transaction = transaction;
        }

        public static async Task<SnapshotWriter> BeginAsync(string connectionString, CancellationToken cancellationToken)
        {
            var connection = new NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                // Fact changes mark patients pending in their own transaction (a trigger), which needs ROW EXCLUSIVE on the
                // marks: holding EXCLUSIVE makes those changes wait until this refresh commits, and makes this refresh wait
                // for changes already under way. Readers (ACCESS SHARE) are not blocked. A second refresh waits here.
                await using var command = new NpgsqlCommand("LOCK TABLE fact_snapshot_pending IN EXCLUSIVE MODE", connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return new PostgresSnapshotWriter(connection, transaction);
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        public override async Task<(int? Format, long Pending, long Patients)> StateAsync(CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand(StateSql, _connection, _transaction);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return State(reader.GetValue(0), reader.GetValue(1), reader.GetValue(2));
        }

        public override async Task<IReadOnlyList<(int Id, string Text)>> TextsAsync(CancellationToken cancellationToken)
        {
            var texts = new List<(int, string)>();
            await using var command = new NpgsqlCommand("SELECT id, text FROM fact_snapshot_texts", _connection, _transaction);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                texts.Add((reader.GetInt32(0), reader.GetString(1)));
            }

            return texts;
        }

        public override async Task ClearAsync(bool all, CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand(
                all ? "DELETE FROM fact_snapshots; DELETE FROM fact_snapshot_texts;" : ClearPendingRowsSql, _connection, _transaction);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public override async Task WriteAsync(string source, string patientId, ReadOnlyMemory<byte> facts, CancellationToken cancellationToken)
        {
            _rows ??= await _connection.BeginBinaryImportAsync(
                "COPY fact_snapshots (source, patient_id, facts) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
            await _rows.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await _rows.WriteAsync(source, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await _rows.WriteAsync(patientId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await _rows.WriteAsync(facts.ToArray(), NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
        }

        public override Task AddTextsAsync(IReadOnlyList<(int Id, string Text)> texts, CancellationToken cancellationToken)
        {
            // Written after the rows: the connection carries one COPY at a time.
            _texts.AddRange(texts);
            return Task.CompletedTask;
        }

        public override async Task CommitAsync(CancellationToken cancellationToken)
        {
            if (_rows is not null)
            {
                await _rows.CompleteAsync(cancellationToken).ConfigureAwait(false);
                await _rows.DisposeAsync().ConfigureAwait(false);
                _rows = null;
            }

            if (_texts.Count > 0)
            {
                await using var import = await _connection.BeginBinaryImportAsync(
                    "COPY fact_snapshot_texts (id, text) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
                foreach (var (id, text) in _texts)
                {
                    await import.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await import.WriteAsync(id, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await import.WriteAsync(text, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                }

                await import.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var command = new NpgsqlCommand(
                "DELETE FROM fact_snapshot_pending; INSERT INTO fact_snapshot_state (id, format) VALUES (1, @format) " +
                "ON CONFLICT (id) DO UPDATE SET format = excluded.format;", _connection, _transaction);
            command.Parameters.AddWithValue("format", Format);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await _transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        public override async ValueTask DisposeAsync()
        {
            if (_rows is not null)
            {
                // An import not completed is cancelled; the transaction then rolls back.
                await _rows.DisposeAsync().ConfigureAwait(false);
            }

            await _transaction.DisposeAsync().ConfigureAwait(false);
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
