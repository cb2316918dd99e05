using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace RadEquity.Data.Measures;

/// <summary>
/// The fact queries on SQLite, on a raw read-only connection: no per-row managed objects, text decoded into reusable
/// buffers. The connection is opened without SQLite's connection mutex (multi-thread mode, one thread at a time):
/// in the default serialized mode every column read takes and releases it, which cost more than the read.
/// </summary>
internal sealed class SqliteFactConnection : FactConnection
{
    private readonly sqlite3 _db;

    private SqliteFactConnection(sqlite3 db) => _db = db;

    /// <summary>
    /// Opens <paramref name="count"/> connections reading one snapshot. With more than one, a fence connection holds
    /// the write lock (<c>BEGIN IMMEDIATE</c>) while each reader starts its read transaction, so no write can commit
    /// between them; the fence then lets go, and writers go on while the readers keep their snapshot (WAL).
    /// </summary>
    public static IReadOnlyList<FactConnection> Open(string path, int count)
    {
        if (count == 1)
        {
            return [Open(path, startRead: false)];
        }

        var fence = OpenDatabase(path, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_NOMUTEX);
        var connections = new List<FactConnection>(count);
        try
        {
            Check(fence, raw.sqlite3_exec(fence, "BEGIN IMMEDIATE;"), "BEGIN IMMEDIATE");
            for (var i = 0; i < count; i++)
            {
                connections.Add(Open(path, startRead: true));
            }

            Check(fence, raw.sqlite3_exec(fence, "ROLLBACK;"), "ROLLBACK");
            return connections;
        }
        catch
        {
            foreach (var connection in connections)
            {
                ((SqliteFactConnection)connection)._db.Dispose();
            }

            throw;
        }
        finally
        {
            fence.Dispose();
        }
    }

    private static SqliteFactConnection Open(string path, bool startRead)
    {
        var db = OpenDatabase(path, raw.SQLITE_OPEN_READONLY | raw.SQLITE_OPEN_NOMUTEX);
        try
        {
            // Pages come straight from the mapping instead of being copied into the page cache; the scans read every
            // page of the three tables once.
            Check(db, raw.sqlite3_exec(db, "PRAGMA mmap_size=2147418112;"), "mmap_size");
            // The transaction takes its WAL snapshot at the first read and keeps it for every query of the load; a
            // reader opened beside others reads at once, so its snapshot is taken while their fence holds.
            Check(db, raw.sqlite3_exec(db, startRead ? "BEGIN; SELECT count(*) FROM sqlite_schema;" : "BEGIN;"), "BEGIN");
            return new SqliteFactConnection(db);
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    private static sqlite3 OpenDatabase(string path, int flags)
    {
        Batteries_V2.Init();
        var rc = raw.sqlite3_open_v2(path, out var db, flags, null);
        try
        {
            // The connection mutex is off (multi-thread mode): each connection is used by one thread at a time.
            Check(db, rc, "open " + path);
            Check(db, raw.sqlite3_busy_timeout(db, 30_000), "busy_timeout");
            return db;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    // BINARY collation: UTF-8 byte order, which is code-point order; the (source, patient_id) indexes serve it.
    public override string ByPatient => "source, patient_id";

    // A row value: SQLite answers range conditions on it from the (source, patient_id) index.
    public override string PatientKey => "(source, patient_id)";

    public override Task<FactRows> QueryAsync(string sql, IReadOnlyList<KeyValuePair<string, string>> parameters,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<FactRows>(new SqliteFactRows(_db, sql, parameters));
    }

    public override ValueTask DisposeAsync()
    {
        // Closing ends the read transaction; nothing was written.
        _db.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Check(sqlite3 db, int rc, string what)
    {
        if (rc is not raw.SQLITE_OK and not raw.SQLITE_ROW and not raw.SQLITE_DONE)
        {
            var message = db is null || db.IsInvalid ? raw.sqlite3_errstr(rc).utf8_to_string() : raw.sqlite3_errmsg(db).utf8_to_string();
            throw new SqliteException(
                string.Create(CultureInfo.InvariantCulture, $"SQLite Error {rc}: '{message}' in: {what}"), rc,
                db is null || db.IsInvalid ? rc : raw.sqlite3_extended_errcode(db));
        }
    }

    private sealed class SqliteFactRows : FactRows
    {
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _statement;
        private readonly IntPtr _handle;
        private readonly bool _direct;
        private readonly string _sql;
        private readonly char[][] _buffers;
        private byte[] _bytes = new byte[256];
        // Apart from _bytes, so a blob read stays valid while text columns of the same row are read.
        private byte[] _blob = new byte[1024];

        public SqliteFactRows(sqlite3 db, string sql, IReadOnlyList<KeyValuePair<string, string>> parameters)
        {
            _db = db;
            _sql = sql;
            Check(_db, raw.sqlite3_prepare_v2(_db, sql, out _statement), sql);
            foreach (var (name, value) in parameters)
            {
                var index = raw.sqlite3_bind_parameter_index(_statement, "@" + name);
                if (index == 0)
                {
                    throw new ArgumentException($"The query has no parameter @{name}: {sql}", nameof(parameters));
                }

                Check(_db, raw.sqlite3_bind_text(_statement, index, value), sql);
            }

            _buffers = new char[raw.sqlite3_column_count(_statement)][];
            if (SqliteColumns.IsAvailable)
            {
                // Held until DisposeAsync, so the raw pointer stays valid while it is used.
                var added = false;
                _statement.DangerousAddRef(ref added);
                _handle = _statement.DangerousGetHandle();
                _direct = added;
            }
        }

        public override ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc == raw.SQLITE_ROW)
            {
                return ValueTask.FromResult(true);
            }

            Check(_db, rc, _sql);
            return ValueTask.FromResult(false);
        }

        public override bool IsNull(int column) => Type(column) == raw.SQLITE_NULL;

        public override ReadOnlySpan<char> Text(int column)
        {
            ReadOnlySpan<byte> utf8;
            if (_direct)
            {
                // sqlite3_column_text first, then _bytes: the order SQLite documents for a stable length.
                var text = SqliteColumns.sqlite3_column_text(_handle, column);
                var length = SqliteColumns.sqlite3_column_bytes(_handle, column);
                if (length == 0)
                {
                    return default;
                }

                if (_bytes.Length < length)
                {
                    _bytes = new byte[Math.Max(length, _bytes.Length * 2)];
                }

                Marshal.Copy(text, _bytes, 0, length);
                utf8 = _bytes.AsSpan(0, length);
            }
            else
            {
                // For a TEXT value this is the stored UTF-8, without conversion or terminator.
                utf8 = raw.sqlite3_column_blob(_statement, column);
                if (utf8.IsEmpty)
                {
                    return default;
                }
            }

            var buffer = _buffers[column];
            if (buffer is null || buffer.Length < utf8.Length)
            {
                _buffers[column] = buffer = new char[Math.Max(64, utf8.Length)];
            }

            return buffer.AsSpan(0, Encoding.UTF8.GetChars(utf8, buffer));
        }

        public override ReadOnlySpan<byte> Bytes(int column)
        {
            if (!_direct)
            {
                return raw.sqlite3_column_blob(_statement, column);
            }

            var blob = SqliteColumns.sqlite3_column_blob(_handle, column);
            var length = SqliteColumns.sqlite3_column_bytes(_handle, column);
            if (length == 0)
            {
                return default;
            }

            if (_blob.Length < length)
            {
                _blob = new byte[Math.Max(length, _blob.Length * 2)];
            }

            Marshal.Copy(blob, _blob, 0, length);
            return _blob.AsSpan(0, length);
        }

        public override bool Boolean(int column) => Int64(column) != 0;

        public override double Double(int column) =>
            _direct ? SqliteColumns.sqlite3_column_double(_handle, column) : raw.sqlite3_column_double(_statement, column);

        public override decimal Decimal(int column) => Type(column) switch
        {
            // decimal is stored as invariant text (docs/adr/0001-storage.md); numbers written by other tools also read.
            raw.SQLITE_INTEGER => Int64(column),
            raw.SQLITE_FLOAT => (decimal)Double(column),
            _ => decimal.Parse(Text(column), NumberStyles.Float, CultureInfo.InvariantCulture),
        };

        public override DateOnly Date(int column) => StoredText.ParseDate(Text(column));

        public override DateTimeOffset Timestamp(int column) => StoredText.ParseTimestamp(Text(column));

        // Dates and timestamps are text on SQLite: an empty read is NULL (or invalid, and the parser says so).
        public override DateOnly? NullableDate(int column) =>
            Text(column) is var text && text.IsEmpty && IsNull(column) ? null : StoredText.ParseDate(text);

        public override DateTimeOffset? NullableTimestamp(int column) =>
            Text(column) is var text && text.IsEmpty && IsNull(column) ? null : StoredText.ParseTimestamp(text);

        public override ValueTask DisposeAsync()
        {
            if (_direct)
            {
                _statement.DangerousRelease();
            }

            _statement.Dispose();
            return ValueTask.CompletedTask;
        }

        private int Type(int column) =>
            _direct ? SqliteColumns.sqlite3_column_type(_handle, column) : raw.sqlite3_column_type(_statement, column);

        public override long Int64(int column) =>
            _direct ? SqliteColumns.sqlite3_column_int64(_handle, column) : raw.sqlite3_column_int64(_statement, column);
    }
}

/// <summary>
/// The column getters of the <c>e_sqlite3</c> library that SQLitePCL has loaded, called on the raw statement pointer:
/// SQLitePCL's own getters marshal the statement as a SafeHandle (reference counting) with a full GC transition on
/// every call, which made a column read cost several times the read itself. These calls neither block nor call back,
/// so they skip the GC transition. Used only when SQLitePCL runs on <c>e_sqlite3</c> (the Microsoft.Data.Sqlite
/// bundle); otherwise the readers keep SQLitePCL's getters.
/// </summary>
internal static class SqliteColumns
{
    private const string Library = "e_sqlite3";

    public static bool IsAvailable { get; } = IsSameLibrary();

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int sqlite3_column_type(IntPtr statement, int column);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern IntPtr sqlite3_column_text(IntPtr statement, int column);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern IntPtr sqlite3_column_blob(IntPtr statement, int column);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int sqlite3_column_bytes(IntPtr statement, int column);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern long sqlite3_column_int64(IntPtr statement, int column);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern double sqlite3_column_double(IntPtr statement, int column);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    private static extern IntPtr sqlite3_libversion();

    /// <summary>True when SQLitePCL runs on <c>e_sqlite3</c> and this class reaches the same library (a single-file or
    /// trimmed host may not resolve it by name: then the readers keep SQLitePCL's getters).</summary>
    private static bool IsSameLibrary()
    {
        Batteries_V2.Init();
        if (!string.Equals(raw.GetNativeLibraryName(), Library, StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            return string.Equals(Marshal.PtrToStringUTF8(sqlite3_libversion()), raw.sqlite3_libversion().utf8_to_string(), StringComparison.Ordinal);
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }
}
