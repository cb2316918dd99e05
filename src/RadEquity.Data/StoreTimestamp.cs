using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace RadEquity.Data;

/// <summary>
/// Timestamps as both providers store them: UTC, truncated to microseconds (PostgreSQL's precision) so a value
/// written through SQLite and PostgreSQL compares equal; on SQLite as fixed-width ISO-8601 text.
/// </summary>
internal static class StoreTimestamp
{
    private const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'";

    public static DateTimeOffset Normalize(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    public static string ToSqliteText(DateTimeOffset value) =>
        Normalize(value).ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset FromSqliteText(string text) =>
        DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}

/// <summary>EF value converter for <see cref="DateTimeOffset"/> on SQLite, see <see cref="StoreTimestamp"/>.</summary>
internal sealed class SqliteTimestampConverter()
    : ValueConverter<DateTimeOffset, string>(v => StoreTimestamp.ToSqliteText(v), v => StoreTimestamp.FromSqliteText(v));
