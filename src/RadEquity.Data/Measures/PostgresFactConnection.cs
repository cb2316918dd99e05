using System.Data;
using Npgsql;

namespace RadEquity.Data.Measures;

/// <summary>
/// The fact queries on PostgreSQL through <see cref="NpgsqlDataReader"/>. A connection reads one result at a time, so
/// each query gets its own connection; the first exports its REPEATABLE READ snapshot and the others import it
/// (<c>SET TRANSACTION SNAPSHOT</c>, as parallel <c>pg_dump</c> does), so all read the same moment.
/// </summary>
internal sealed class PostgresFactConnection : FactConnection
{
    private readonly string _connectionString;
    private readonly List<NpgsqlConnection> _connections = [];
    private string? _snapshot;

    private PostgresFactConnection(string connectionString, string? snapshot)
    {
        _connectionString = connectionString;
        _snapshot = snapshot;
    }

    /// <summary><paramref name="count"/> connections sharing one snapshot. With more than one, the first exports it at
    /// once and keeps the exporting transaction open until it is disposed, so the others can import it at any time.</summary>
    public static async Task<IReadOnlyList<FactConnection>> ConnectAsync(string connectionString, int count, CancellationToken cancellationToken)
    {
        var first = new PostgresFactConnection(connectionString, null);
        if (count == 1)
        {
            return [first];
        }

        try
        {
            await first.BeginAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await first.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return [first, .. Enumerable.Range(1, count - 1).Select(_ => new PostgresFactConnection(connectionString, first._snapshot))];
    }

    // The database's default collation may be a linguistic one; "C" is code-point order on UTF-8 databases.
    public override string ByPatient => "source COLLATE \"C\", patient_id COLLATE \"C\"";

    public override string PatientKey => "(source COLLATE \"C\", patient_id COLLATE \"C\")";

    public override async Task<FactRows> QueryAsync(string sql, IReadOnlyList<KeyValuePair<string, string>> parameters,
        CancellationToken cancellationToken)
    {
        var (connection, transaction) = await BeginAsync(cancellationToken).ConfigureAwait(false);
        var command = new NpgsqlCommand(sql, connection, transaction);
        try
        {
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleResult, cancellationToken).ConfigureAwait(false);
            return new PostgresFactRows(command, reader);
        }
        catch
        {
            await command.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A new connection in a read-only REPEATABLE READ transaction on the load's snapshot (exporting it when
    /// this is the load's first).</summary>
    private async Task<(NpgsqlConnection, NpgsqlTransaction)> BeginAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_connectionString);
        _connections.Add(connection);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        if (_snapshot is null)
        {
            command.CommandText = "SET TRANSACTION READ ONLY; SELECT pg_export_snapshot();";
            _snapshot = (string)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        else
        {
            command.CommandText = "SET TRANSACTION READ ONLY; SET TRANSACTION SNAPSHOT '" + _snapshot.Replace("'", "''", StringComparison.Ordinal) + "';";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return (connection, transaction);
    }

    public override async ValueTask DisposeAsync()
    {
        // Disposing a connection rolls back its read-only transaction.
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class PostgresFactRows(NpgsqlCommand command, NpgsqlDataReader reader) : FactRows
    {
        // The merge reads the key columns of a row several times: each text is fetched once per row.
        private readonly string?[] _texts = new string?[reader.FieldCount];
        private readonly long[] _textRow = new long[reader.FieldCount];
        private long _row;

        public override async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
        {
            _row++;
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }

        public override bool IsNull(int column) => reader.IsDBNull(column);

        public override ReadOnlySpan<char> Text(int column)
        {
            if (_textRow[column] != _row)
            {
                _texts[column] = reader.IsDBNull(column) ? null : reader.GetString(column);
                _textRow[column] = _row;
            }

            return _texts[column];
        }

        public override ReadOnlySpan<byte> Bytes(int column) => reader.IsDBNull(column) ? default : reader.GetFieldValue<byte[]>(column);

        public override long Int64(int column) => reader.GetInt64(column);

        public override bool Boolean(int column) => reader.GetBoolean(column);

        public override double Double(int column) => reader.GetDouble(column);

        public override decimal Decimal(int column) => reader.GetDecimal(column);

        public override DateOnly Date(int column) => reader.GetFieldValue<DateOnly>(column);

        public override DateTimeOffset Timestamp(int column) => reader.GetFieldValue<DateTimeOffset>(column);

        public override async ValueTask DisposeAsync()
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            await command.DisposeAsync().ConfigureAwait(false);
        }
    }
}
