using System.Globalization;
using System.Net;
using RadEquity.Engine.Statistics;

namespace RadEquity.Interop.Reports;

/// <summary>
/// Text of the HTML report: encoding and invariant number formats. Every string that reaches the page passes through
/// <see cref="Encode"/>, because category names, sources and findings come from data.
/// </summary>
internal static class ReportText
{
    /// <summary>"Not available", for undefined statistics (no denominator, a zero rate in a ratio).</summary>
    public const string NotAvailable = "n/a";

    private const char Minus = '\u2212';
    private const char EnDash = '\u2013';

    /// <summary>The text encoded for element content and quoted attribute values (also valid XML).</summary>
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A whole number with thousands separators, e.g. <c>12,345</c>.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A rate (0-1) as a percentage with one decimal, e.g. <c>72.3%</c>.</summary>
    public static string Percent(double rate) => double.IsNaN(rate) ? NotAvailable : Number(rate * 100, "0.0") + "%";

    /// <summary>An interval of rates, e.g. <c>71.0–73.5%</c>.</summary>
    public static string PercentInterval(Interval interval) =>
        interval.IsDefined ? Number(interval.Lower * 100, "0.0") + EnDash + Number(interval.Upper * 100, "0.0") + "%" : NotAvailable;

    /// <summary>A rate with its interval, e.g. <c>72.3% (95% CI 71.0–73.5%)</c>.</summary>
    public static string RateWithInterval(double rate, Interval interval, ConfidenceLevel level) =>
        double.IsNaN(rate) ? NotAvailable : $"{Percent(rate)} ({level} CI {PercentInterval(interval)})";

    /// <summary>A difference of rates in percentage points with its interval, e.g. <c>−12.3 pp (−15.0 to −9.6)</c>.</summary>
    public static string Difference(Estimate? difference) => difference is { } d && !double.IsNaN(d.Value)
        ? Points(d.Value) + " pp" + (d.Interval.IsDefined ? $" ({Points(d.Interval.Lower)} to {Points(d.Interval.Upper)})" : "")
        : NotAvailable;

    /// <summary>A ratio of rates with its interval, e.g. <c>0.82 (0.78–0.86)</c>.</summary>
    public static string Ratio(Estimate? ratio) => ratio is { } r && !double.IsNaN(r.Value) && !double.IsInfinity(r.Value)
        ? Number(r.Value, "0.00") + (r.Interval.IsDefined && !double.IsInfinity(r.Interval.Upper)
            ? $" ({Number(r.Interval.Lower, "0.00")}{EnDash}{Number(r.Interval.Upper, "0.00")})"
            : "")
        : NotAvailable;

    /// <summary>A rate (0-1) or difference of rates in percentage points with one decimal and a true minus sign.</summary>
    public static string Points(double rate) => Signed(rate * 100, "0.0");

    /// <summary>A statistic with a true minus sign, or <see cref="NotAvailable"/> when undefined.</summary>
    public static string Signed(double value, string format)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return NotAvailable;
        }

        var text = Number(Math.Abs(value), format);
        return value < 0 && text.Any(c => c is >= '1' and <= '9') ? Minus + text : text;
    }

    /// <summary>A number in the invariant culture.</summary>
    public static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A whole number of days, or <see cref="NotAvailable"/>.</summary>
    public static string Days(int? days) => days is { } d ? d.ToString(CultureInfo.InvariantCulture) : NotAvailable;

    /// <summary>An ISO date, e.g. <c>2025-12-31</c>.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An SVG coordinate (at most one decimal).</summary>
    public static string Coordinate(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The interval method's name.</summary>
    public static string MethodName(IntervalMethod method) => method switch
    {
        IntervalMethod.Wilson => "Wilson score interval",
        IntervalMethod.ClopperPearson => "Clopper-Pearson exact interval",
        _ => method.ToString(),
    };

    /// <summary>A reported method's display name (<c>ct-colonography</c> reads "CT colonography").</summary>
    public static string ReportedMethodName(string method) =>
        string.Equals(method, "ct-colonography", StringComparison.Ordinal) ? "CT colonography" : method;

    /// <summary>
    /// An id for an HTML element from a prefix, a position (so that ids stay distinct) and a readable slug of
    /// lower-case letters, digits and hyphens.
    /// </summary>
    public static string Id(string prefix, int position, string name)
    {
        Span<char> slug = stackalloc char[Math.Min(name.Length, 48)];
        for (var i = 0; i < slug.Length; i++)
        {
            var c = name[i];
            slug[i] = c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : c is >= 'A' and <= 'Z' ? (char)(c + 32) : '-';
        }

        return prefix + position.ToString(CultureInfo.InvariantCulture) + "-" + new string(slug);
    }
}
