using System.Globalization;
using System.Text;
using RadEquity.Engine.Evaluation;
using RadEquity.Engine.Measures;

namespace RadEquity.Data.Measures;

/// <summary>The text forms of measure results in <c>measure_outcomes</c> and <c>measure_counts</c>.</summary>
internal static class StoredMeasureText
{
    public static string GapStatusName(GapStatus status) => status switch
    {
        GapStatus.None => "none",
        GapStatus.Open => "open",
        GapStatus.Closed => "closed",
        GapStatus.Prospective => "prospective",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static GapStatus ParseGapStatus(string name) => name switch
    {
        "none" => GapStatus.None,
        "open" => GapStatus.Open,
        "closed" => GapStatus.Closed,
        "prospective" => GapStatus.Prospective,
        _ => throw new InvalidDataException($"Unknown gap status '{name}' in measure_outcomes."),
    };

    /// <summary>
    /// The days-to-resolution histogram as <c>day:count</c> pairs of its non-zero buckets, comma-separated: most of its
    /// <see cref="StratumCounts.MaxResolutionDays"/> + 1 buckets are zero. Null when the counts have no histogram
    /// (screening measures); empty when every bucket is zero.
    /// </summary>
    public static string? FormatResolutionDays(IReadOnlyList<long> histogram)
    {
        if (histogram.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        for (var day = 0; day < histogram.Count; day++)
        {
            if (histogram[day] != 0)
            {
                text.Append(text.Length == 0 ? "" : ",").Append(day.ToString(CultureInfo.InvariantCulture))
                    .Append(':').Append(histogram[day].ToString(CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    /// <summary>Reads <see cref="FormatResolutionDays"/>: null stays null, otherwise the full histogram.</summary>
    public static long[]? ParseResolutionDays(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var histogram = new long[StratumCounts.MaxResolutionDays + 1];
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0
                || !int.TryParse(pair.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var day)
                || day >= histogram.Length
                || !long.TryParse(pair.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                throw new InvalidDataException($"'{pair}' is not a day:count pair of a resolution histogram.");
            }

            histogram[day] = count;
        }

        return histogram;
    }
}
