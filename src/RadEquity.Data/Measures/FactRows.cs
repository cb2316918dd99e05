using System.Globalization;

namespace RadEquity.Data.Measures;

/// <summary>
/// A forward-only scan of one fact query with typed, allocation-free column access where the provider allows it:
/// the bulk read path of <see cref="PatientRecordReader"/>, which is too hot for EF materialization. Columns are read by
/// position in the query's select list.
/// </summary>
internal abstract class FactRows : IAsyncDisposable
{
    public abstract ValueTask<bool> ReadAsync(CancellationToken cancellationToken);

    public abstract bool IsNull(int column);

    /// <summary>A text column; empty for NULL. Valid until the next row (each column has its own buffer).</summary>
    public abstract ReadOnlySpan<char> Text(int column);

    /// <summary>A blob column; empty for NULL. Valid until the next row.</summary>
    public abstract ReadOnlySpan<byte> Bytes(int column);

    public abstract long Int64(int column);

    public abstract bool Boolean(int column);

    public abstract double Double(int column);

    public abstract decimal Decimal(int column);

    public abstract DateOnly Date(int column);

    /// <summary>A timestamp, in UTC (as stored).</summary>
    public abstract DateTimeOffset Timestamp(int column);

    public abstract ValueTask DisposeAsync();

    /// <summary>A text column through <paramref name="pool"/>; null for NULL.</summary>
    public string? Text(int column, StringPool pool)
    {
        // Most values are not empty: only an empty one needs the second call to tell NULL from ''.
        var text = Text(column);
        return !text.IsEmpty ? pool.Intern(text) : IsNull(column) ? null : string.Empty;
    }

    public bool? NullableBoolean(int column) => IsNull(column) ? null : Boolean(column);

    public double? NullableDouble(int column) => IsNull(column) ? null : Double(column);

    public decimal? NullableDecimal(int column) => IsNull(column) ? null : Decimal(column);

    public virtual DateOnly? NullableDate(int column) => IsNull(column) ? null : Date(column);

    public virtual DateTimeOffset? NullableTimestamp(int column) => IsNull(column) ? null : Timestamp(column);
}

/// <summary>
/// Runs the fact queries of one load inside one read-only snapshot, so the tables are read as of one moment even while
/// an ingest writes (SQLite: one WAL read transaction; PostgreSQL: REPEATABLE READ transactions sharing an exported
/// snapshot). Several queries may be open at once; they are read from one thread at a time. Connections opened together
/// by <see cref="OpenAsync(StoreTarget, int, CancellationToken)"/> read the same snapshot, one thread each.
/// </summary>
internal abstract class FactConnection : IAsyncDisposable
{
    public static async Task<FactConnection> OpenAsync(StoreTarget store, CancellationToken cancellationToken) =>
        (await OpenAsync(store, 1, cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Opens <paramref name="count"/> connections that all read the same snapshot of the store.</summary>
    public static async Task<IReadOnlyList<FactConnection>> OpenAsync(StoreTarget store, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return store.Provider switch
        {
            StoreProvider.Sqlite => SqliteFactConnection.Open(store.SqlitePath!, count),
            StoreProvider.PostgreSql => await PostgresFactConnection.ConnectAsync(store.ConnectionString, count, cancellationToken).ConfigureAwait(false),
            _ => throw new InvalidOperationException("Unknown provider."),
        };
    }

    /// <summary>The ORDER BY terms that sort rows by (source, patient id) in Unicode code-point order, the order
    /// <see cref="CodePointOrder"/> compares in.</summary>
    public abstract string ByPatient { get; }

    /// <summary>The row value (source, patient id) compared in the same order as <see cref="ByPatient"/>, for key-range
    /// conditions such as <c>{PatientKey} &gt;= (@from_source, @from_patient)</c>.</summary>
    public abstract string PatientKey { get; }

    /// <summary>Runs <paramref name="sql"/> with its named text parameters (<c>@name</c>) bound to
    /// <paramref name="parameters"/>.</summary>
    public abstract Task<FactRows> QueryAsync(string sql, IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}

/// <summary>Parses the text forms the SQLite store writes, without the general parsers on the hot path.</summary>
internal static class StoredText
{
    /// <summary><c>yyyy-MM-dd</c>.</summary>
    public static DateOnly ParseDate(ReadOnlySpan<char> text)
    {
        if (text.Length == 10 && text[4] == '-' && text[7] == '-'
            && TryDigits(text[..4], out var year) && TryDigits(text.Slice(5, 2), out var month) && TryDigits(text.Slice(8, 2), out var day)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            return new DateOnly(year, month, day);
        }

        return DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary><c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c> (<see cref="StoreTimestamp"/>), in UTC.</summary>
    public static DateTimeOffset ParseTimestamp(ReadOnlySpan<char> text)
    {
        if (text.Length == 27 && text[10] == 'T' && text[13] == ':' && text[16] == ':' && text[19] == '.' && text[26] == 'Z'
            && TryDigits(text.Slice(11, 2), out var hour) && TryDigits(text.Slice(14, 2), out var minute)
            && TryDigits(text.Slice(17, 2), out var second) && TryDigits(text.Slice(20, 6), out var micros)
            && hour < 24 && minute < 60 && second < 60)
        {
            var day = ParseDate(text[..10]);
            var ticks = day.DayNumber * TimeSpan.TicksPerDay + (hour * TimeSpan.TicksPerHour) + (minute * TimeSpan.TicksPerMinute)
                        + (second * TimeSpan.TicksPerSecond) + (micros * 10L);
            return new DateTimeOffset(ticks, TimeSpan.Zero);
        }

        return StoreTimestamp.FromSqliteText(text.ToString());
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            var digit = c - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}

/// <summary>
/// Compares text in Unicode code-point order: the order of UTF-8 bytes, hence of SQLite's BINARY collation and
/// PostgreSQL's "C" collation. It differs from <see cref="string.CompareOrdinal(string, string)"/> (UTF-16 code units)
/// only between surrogate pairs and U+E000..U+FFFF.
/// </summary>
internal static class CodePointOrder
{
    public static int Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var common = a.CommonPrefixLength(b);
        if (common == a.Length || common == b.Length)
        {
            return a.Length.CompareTo(b.Length);
        }

        return Weight(a[common]).CompareTo(Weight(b[common]));
    }

    // Surrogates (U+D800..U+DFFF) encode code points above U+FFFF, so they sort after U+E000..U+FFFF.
    private static int Weight(char c) => c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;
}
