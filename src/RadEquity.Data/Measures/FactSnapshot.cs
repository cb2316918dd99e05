using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using RadEquity.Data.Ingest;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Terminology;

namespace RadEquity.Data.Measures;

/// <summary>What a <see cref="FactSnapshot.RefreshAsync(StoreTarget, CancellationToken)"/> did.</summary>
/// <param name="Rebuilt">True when the whole snapshot was written again (first use, a format change, or most patients
/// changed); false when only the changed patients were.</param>
/// <param name="Patients">Patient rows written.</param>
/// <param name="Elapsed">Time taken.</param>
public sealed record FactSnapshotRefresh(bool Rebuilt, long Patients, TimeSpan Elapsed);

/// <summary>
/// The measures' copy of the fact tables: one compact row per patient (<see cref="FactSnapshotEncoder"/>) in
/// (source, patient id) order, which a full evaluation reads as one sequential scan instead of three index-order
/// scans that visit every event row (docs/adr/0009-fact-snapshot.md). The fact tables stay the truth: triggers mark
/// every patient whose facts change as pending, in the same transaction (<see cref="FactSnapshotSchema"/>), and a load
/// reads the snapshot only when its read snapshot of the store has nothing pending and the rows are in this build's
/// format; otherwise it reads the fact tables as before. Ingest refreshes it at the end of a run, and every store
/// evaluation refreshes it first.
/// </summary>
public static class FactSnapshot
{
    /// <summary>The encoding of the rows; a build that writes another one rebuilds the snapshot on its first refresh.</summary>
    internal const int Format = 1;

    // When at least this share of the patients changed, writing every row is cheaper than deleting and re-reading them
    // one key at a time, and it compacts the dictionary.
    private const double RebuildShare = 0.5;
    private const int BatchSize = 1_000;

    /// <summary>
    /// Brings the snapshot up to date with the fact tables: writes the rows of the patients marked pending (or every row)
    /// and clears their marks, all in one transaction, so a crash leaves the previous snapshot and its marks as they
    /// were. Writers of facts wait while it runs; readers do not.
    /// </summary>
    public static Task<FactSnapshotRefresh> RefreshAsync(StoreTarget store, CancellationToken cancellationToken) =>
        RefreshAsync(store, null, cancellationToken);

    /// <summary><see cref="RefreshAsync(StoreTarget, CancellationToken)"/>, with a test seam that runs after every row is
    /// written, just before the commit.</summary>
    internal static async Task<FactSnapshotRefresh> RefreshAsync(StoreTarget store, Func<Task>? beforeCommit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var started = Stopwatch.GetTimestamp();
        // Without taking the write lock first: an evaluation refreshes a current snapshot, and should not wait for a
        // running ingest to learn that.
        await using (var reader = await FactConnection.OpenAsync(store, cancellationToken).ConfigureAwait(false))
        {
            if (await IsCurrentAsync(reader, cancellationToken).ConfigureAwait(false))
            {
                return new FactSnapshotRefresh(false, 0, Stopwatch.GetElapsedTime(started));
            }
        }

        await using SnapshotWriter writer = store.Provider == StoreProvider.Sqlite
            ? await SqliteSnapshotWriter.BeginAsync(store.ConnectionString, cancellationToken).ConfigureAwait(false)
            : await PostgresSnapshotWriter.BeginAsync(store.ConnectionString, cancellationToken).ConfigureAwait(false);
        var (format, pending, patients) = await writer.StateAsync(cancellationToken).ConfigureAwait(false);
        if (format == Format && pending == 0)
        {
            return new FactSnapshotRefresh(false, 0, Stopwatch.GetElapsedTime(started));
        }

        var rebuild = format != Format || pending >= patients * RebuildShare;
        var encoder = new FactSnapshotEncoder(rebuild ? [] : await writer.TextsAsync(cancellationToken).ConfigureAwait(false));
        await writer.ClearAsync(rebuild, cancellationToken).ConfigureAwait(false);

        // The reader opens after the writer holds the store's write lock (SQLite) or the pending marks' lock
        // (PostgreSQL), so it sees every committed change and no fact change can commit until this one does.
        long written = 0;
        var selection = rebuild ? PatientSelection.All : PatientSelection.SnapshotPending;
        await using (var connection = await FactConnection.OpenAsync(store, cancellationToken).ConfigureAwait(false))
        {
            await foreach (var batch in new PatientRecordMerge(null, selection).ReadAsync(connection, BatchSize, cancellationToken).ConfigureAwait(false))
            {
                foreach (var record in batch.Patients)
                {
                    await writer.WriteAsync(record.Source, record.PatientId, encoder.Encode(record), cancellationToken).ConfigureAwait(false);
                    written++;
                }

                await writer.AddTextsAsync(encoder.TakeAdded(), cancellationToken).ConfigureAwait(false);
            }
        }

        if (beforeCommit is not null)
        {
            await beforeCommit().ConfigureAwait(false);
        }

        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new FactSnapshotRefresh(rebuild, written, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>True when the load's read snapshot of the store may read the rows: nothing pending, this format.</summary>
    internal static async Task<bool> IsCurrentAsync(FactConnection connection, CancellationToken cancellationToken)
    {
        await using var rows = await connection.QueryAsync(
            "SELECT CAST(coalesce((SELECT format FROM fact_snapshot_state WHERE id = 1), 0) AS text), " +
            "CAST(CASE WHEN EXISTS (SELECT 1 FROM fact_snapshot_pending) THEN 1 ELSE 0 END AS text)", [], cancellationToken).ConfigureAwait(false);
        await rows.ReadAsync(cancellationToken).ConfigureAwait(false);
        return int.Parse(rows.Text(0), CultureInfo.InvariantCulture) == Format && rows.Text(1) is "0";
    }

    /// <summary>Streams the selected patients' rows as records, as <see cref="PatientRecordMerge"/> would build them from
    /// the fact tables. Call only when <see cref="IsCurrentAsync"/> answered true on the same connection.</summary>
    internal static async IAsyncEnumerable<PatientRecordBatch> ReadAsync(FactConnection connection, CodeIndex codes, PatientSelection selection,
        int batchSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var texts = new List<string?> { null };
        await using (var rows = await connection.QueryAsync("SELECT CAST(id AS bigint), text FROM fact_snapshot_texts ORDER BY id", [], cancellationToken).ConfigureAwait(false))
        {
            while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = (int)rows.Int64(0);
                while (texts.Count < id)
                {
                    texts.Add(null);
                }

                texts.Add(rows.Text(1).ToString());
            }
        }

        var decoder = new FactSnapshotDecoder([.. texts], codes);
        var sources = new StringPool();
        var (where, parameters) = PatientRecordMerge.Where(selection, connection);
        await using var snapshot = await connection.QueryAsync(
            $"SELECT source, patient_id, facts FROM fact_snapshots{where} ORDER BY {connection.ByPatient}", parameters, cancellationToken).ConfigureAwait(false);
        var batch = new List<PatientRecord>(batchSize);
        long patients = 0;
        while (await snapshot.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!selection.Contains(snapshot.Text(1)))
            {
                continue;
            }

            batch.Add(decoder.Decode(sources.Intern(snapshot.Text(0)), snapshot.Text(1).ToString(), snapshot.Bytes(2)));
            patients++;
            if (batch.Count == batchSize)
            {
                clock.Stop();
                yield return new PatientRecordBatch(batch, Summary());
                clock.Start();
                batch = new List<PatientRecord>(batchSize);
            }
        }

        clock.Stop();
        yield return new PatientRecordBatch(batch, Summary());

        PatientLoadSummary Summary() =>
            new(patients, decoder.Coverages, decoder.EventsRead, decoder.EventsKept, clock.Elapsed) { FromSnapshot = true };
    }

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
