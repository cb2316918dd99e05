using RadEquity.Engine.Measures;

namespace RadEquity.Engine.Evaluation;

/// <summary>
/// The counts of one measure in one stratum. Counts simply add (ARCHITECTURE idea 3): across threads, database
/// partitions and practices; rates and statistics are computed from merged counts only.
/// </summary>
public sealed class StratumCounts : IEquatable<StratumCounts>
{
    /// <summary>Days to resolution are counted per day up to this many; later ones share the last bucket.</summary>
    public const int MaxResolutionDays = 730;

    private long[]? _resolutionDays;

    /// <summary>Patients in the initial population.</summary>
    public long InitialPopulation { get; private set; }

    /// <summary>Patients in the denominator (including excluded ones, as in eCQM reporting).</summary>
    public long Denominator { get; private set; }

    /// <summary>Denominator exclusions.</summary>
    public long Exclusions { get; private set; }

    /// <summary>Numerator (never includes excluded patients).</summary>
    public long Numerator { get; private set; }

    /// <summary>Numerator patients met (also) by the measure's reported method (CT colonography for CMS130).</summary>
    public long ReportedMethod { get; private set; }

    /// <summary>Open care gaps.</summary>
    public long OpenGaps { get; private set; }

    /// <summary>Prospective care gaps.</summary>
    public long ProspectiveGaps { get; private set; }

    /// <summary>Follow-up measures: index results resolved at any time (on time or late) by the as-of date.</summary>
    public long Resolved { get; private set; }

    /// <summary>The performance denominator: denominator minus exclusions.</summary>
    public long Eligible => Denominator - Exclusions;

    /// <summary>Numerator / eligible, NaN when nobody is eligible.</summary>
    public double Rate => Eligible == 0 ? double.NaN : (double)Numerator / Eligible;

    /// <summary>Adds one patient's result.</summary>
    public void Add(in MeasureResult result)
    {
        if (!result.InInitialPopulation)
        {
            return;
        }

        InitialPopulation++;
        if (result.InDenominator)
        {
            Denominator++;
        }

        if (result.IsExcluded)
        {
            Exclusions++;
        }

        if (result.InNumerator)
        {
            Numerator++;
        }

        if (result.MetByReportedMethod)
        {
            ReportedMethod++;
        }

        switch (result.Gap)
        {
            case GapStatus.Open:
                OpenGaps++;
                break;
            case GapStatus.Prospective:
                ProspectiveGaps++;
                break;
            case GapStatus.None:
            case GapStatus.Closed:
            default:
                break;
        }

        if (result.DaysToResolution is { } days)
        {
            Resolved++;
            _resolutionDays ??= new long[MaxResolutionDays + 1];
            _resolutionDays[Math.Clamp(days, 0, MaxResolutionDays)]++;
        }
    }

    /// <summary>Adds every count of <paramref name="other"/> to this one.</summary>
    public void Add(StratumCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        InitialPopulation += other.InitialPopulation;
        Denominator += other.Denominator;
        Exclusions += other.Exclusions;
        Numerator += other.Numerator;
        ReportedMethod += other.ReportedMethod;
        OpenGaps += other.OpenGaps;
        ProspectiveGaps += other.ProspectiveGaps;
        Resolved += other.Resolved;
        if (other._resolutionDays is { } theirs)
        {
            _resolutionDays ??= new long[MaxResolutionDays + 1];
            for (var i = 0; i < theirs.Length; i++)
            {
                _resolutionDays[i] += theirs[i];
            }
        }
    }

    /// <summary>Restores counts (from storage).</summary>
    public static StratumCounts FromValues(long initialPopulation, long denominator, long exclusions, long numerator,
        long reportedMethod, long openGaps, long prospectiveGaps, IReadOnlyList<long>? resolutionDays)
    {
        var counts = new StratumCounts
        {
            InitialPopulation = initialPopulation,
            Denominator = denominator,
            Exclusions = exclusions,
            Numerator = numerator,
            ReportedMethod = reportedMethod,
            OpenGaps = openGaps,
            ProspectiveGaps = prospectiveGaps,
        };
        if (resolutionDays is not null)
        {
            counts._resolutionDays = new long[MaxResolutionDays + 1];
            for (var i = 0; i < resolutionDays.Count && i <= MaxResolutionDays; i++)
            {
                counts._resolutionDays[i] = resolutionDays[i];
                counts.Resolved += resolutionDays[i];
            }
        }

        return counts;
    }

    /// <summary>Counts whose histogram of days to resolution is <paramref name="resolutionDays"/> itself (one bucket
    /// per day up to <see cref="MaxResolutionDays"/>), taken over rather than copied.</summary>
    internal static StratumCounts FromHistogram(long initialPopulation, long denominator, long exclusions, long numerator,
        long reportedMethod, long openGaps, long prospectiveGaps, long[]? resolutionDays)
    {
        var counts = FromValues(initialPopulation, denominator, exclusions, numerator, reportedMethod, openGaps, prospectiveGaps, null);
        if (resolutionDays is not null)
        {
            counts._resolutionDays = resolutionDays;
            foreach (var n in resolutionDays)
            {
                counts.Resolved += n;
            }
        }

        return counts;
    }

    /// <summary>Resolved index results per day to resolution (index = days; the last bucket is "that many or more");
    /// empty for screening measures.</summary>
    public IReadOnlyList<long> ResolutionDays => _resolutionDays ?? [];

    /// <summary>
    /// The <paramref name="quantile"/> (0–1) of days to resolution among resolved index results, by the nearest-rank
    /// method on whole days; null when none resolved.
    /// </summary>
    public int? ResolutionQuantile(double quantile)
    {
        if (_resolutionDays is null || Resolved == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(quantile * Resolved));
        long seen = 0;
        for (var day = 0; day < _resolutionDays.Length; day++)
        {
            seen += _resolutionDays[day];
            if (seen >= rank)
            {
                return day;
            }
        }

        return MaxResolutionDays;
    }

    /// <inheritdoc />
    public bool Equals(StratumCounts? other) =>
        other is not null && InitialPopulation == other.InitialPopulation && Denominator == other.Denominator
        && Exclusions == other.Exclusions && Numerator == other.Numerator && ReportedMethod == other.ReportedMethod
        && OpenGaps == other.OpenGaps && ProspectiveGaps == other.ProspectiveGaps && Resolved == other.Resolved
        && ResolutionDays.SequenceEqual(other.ResolutionDays);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as StratumCounts);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(InitialPopulation, Denominator, Exclusions, Numerator, Resolved);
}
