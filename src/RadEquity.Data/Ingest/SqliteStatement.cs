using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace RadEquity.Data.Ingest;

/// <summary>
/// One statement prepared on the raw SQLite handle and bound by parameter index. Microsoft.Data.Sqlite
/// re-parses the command's statement list, looks every parameter up by name and walks its result sets on
/// every execution; for the sink's per-row statements that overhead was most of the ingest time. Every
/// failing return code throws a <see cref="SqliteException"/> carrying <c>sqlite3_errmsg</c>, so the
/// caller's transaction rolls back as with a command.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly string _sql;

    public SqliteStatement(SqliteConnection connection, string sql, int parameterCount)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        _sql = sql;
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
        var count = raw.sqlite3_bind_parameter_count(_statement);
        if (count != parameterCount)
        {
            _statement.Dispose();
            throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"Statement has {count} parameters, expected {parameterCount}: {sql}"));
        }
    }

    /// <summary>Binds a value by its 1-based index, converted as <see cref="SqliteParameter"/> would store it.</summary>
    public void Bind(int index, object? value, ColumnType type)
    {
        switch (value)
        {
            case null:
                Check(raw.sqlite3_bind_null(_statement, index));
                return;
            case string text:
                BindText(index, text);
                return;
            case bool flag:
                BindInt64(index, flag ? 1 : 0);
                return;
            case long number:
                BindInt64(index, number);
                return;
            case int number:
                BindInt64(index, number);
                return;
            case double number:
                Check(raw.sqlite3_bind_double(_statement, index, number));
                return;
            case decimal number:
                BindText(index, number.ToString("0.0###########################", CultureInfo.InvariantCulture));
                return;
            case DateOnly date:
                BindText(index, date.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture));
                return;
            case DateTimeOffset timestamp:
                BindText(index, StoreTimestamp.ToSqliteText(timestamp));
                return;
            case byte[] bytes:
                BindBlob(index, bytes);
                return;
            default:
                throw new NotSupportedException(
                    string.Create(CultureInfo.InvariantCulture, $"Cannot bind {value.GetType().Name} as {type} to parameter {index} of: {_sql}"));
        }
    }

    public void BindText(int index, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value));

    public void BindInt64(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void BindBlob(int index, ReadOnlySpan<byte> value) =>
        // An empty span pins to a null pointer, which SQLite would store as NULL rather than as an empty blob.
        Check(value.IsEmpty ? raw.sqlite3_bind_zeroblob(_statement, index, 0) : raw.sqlite3_bind_blob(_statement, index, value));

    public void BindTimestamp(int index, DateTimeOffset? value) =>
        BindText(index, value is { } timestamp ? StoreTimestamp.ToSqliteText(timestamp) : null);

    /// <summary>Runs a statement that returns no rows, resets it for the next binding and returns the rows it changed.</summary>
    public int Execute()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_DONE)
            {
                Check(rc);
                throw new InvalidOperationException("Statement returned a row where none was expected: " + _sql);
            }

            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Steps to the first row; true if there is one. Read with the column methods, then call <see cref="Reset"/>.</summary>
    public bool StepRow()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc is raw.SQLITE_ROW or raw.SQLITE_DONE)
        {
            return rc == raw.SQLITE_ROW;
        }

        try
        {
            Check(rc);
            return false;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Reset() => raw.sqlite3_reset(_statement);

    /// <summary>A blob column of the current row, valid until the next step or reset.</summary>
    public ReadOnlySpan<byte> ColumnBlob(int index) => raw.sqlite3_column_blob(_statement, index);

    public string? ColumnText(int index) =>
        raw.sqlite3_column_type(_statement, index) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(_statement, index).utf8_to_string();

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc is not raw.SQLITE_OK and not raw.SQLITE_ROW and not raw.SQLITE_DONE)
        {
            var message = raw.sqlite3_errmsg(_db).utf8_to_string();
            throw new SqliteException(
                string.Create(CultureInfo.InvariantCulture, $"SQLite Error {rc}: '{message}' in: {_sql}"),
                rc,
                raw.sqlite3_extended_errcode(_db));
        }
    }
}
