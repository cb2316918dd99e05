using System.Collections.ObjectModel;
using System.Runtime.InteropServices;
using RadEquity.Engine.Facts;

namespace RadEquity.Engine.Strata;

/// <summary>
/// Data-completeness counts of one data source (or of all): how many patients lack each stratifying field. Counts
/// add (ARCHITECTURE idea 3); shares are computed from merged counts only. Definitions are in
/// <c>docs/stratifiers.md</c>.
/// </summary>
/// <param name="Patients">Patients counted.</param>
/// <param name="RaceUnknown">No readable race code (none, or only UNK / other null flavours / unreadable codes).</param>
/// <param name="RaceDeclined">No readable race code, and ASKU (asked but declined).</param>
/// <param name="EthnicityUnknown">Likewise for the ethnicity codes.</param>
/// <param name="EthnicityDeclined">Likewise for the ethnicity codes.</param>
/// <param name="LanguageMissing">No usable preferred language (absent, malformed, or und / mis / mul / zxx).</param>
/// <param name="PayerMissing">No coverage active on the reference date.</param>
/// <param name="PayerUnmapped">Coverage active on the reference date, but none of a known payer category.</param>
/// <param name="ZipMissing">No US ZIP code (absent, or not 5 digits with an optional ZIP+4).</param>
/// <param name="ZipWithoutRurality">A ZIP that the RUCA table lacks (or has as 99, not coded).</param>
/// <param name="ZipWithoutDeprivation">A ZIP that the ADI table lacks (or has unranked).</param>
public readonly record struct CompletenessCounts(
    long Patients,
    long RaceUnknown,
    long RaceDeclined,
    long EthnicityUnknown,
    long EthnicityDeclined,
    long LanguageMissing,
    long PayerMissing,
    long PayerUnmapped,
    long ZipMissing,
    long ZipWithoutRurality,
    long ZipWithoutDeprivation)
{
    /// <summary>The counts of one patient.</summary>
    /// <param name="patient">Demographics and geography.</param>
    /// <param name="coverages">The patient's coverages.</param>
    /// <param name="context">Reference date (active coverage) and area tables.</param>
    public static CompletenessCounts Of(PatientFact patient, IReadOnlyList<CoverageFact> coverages, StratificationContext context)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(coverages);
        ArgumentNullException.ThrowIfNull(context);
        return Of(PatientStrata.Read(patient, coverages, context));
    }

    /// <summary>The counts of one patient, from what the stratifiers read.</summary>
    internal static CompletenessCounts Of(in PatientStrata strata) => new(
        Patients: 1,
        RaceUnknown: strata.RaceStatus == ReportStatus.Unknown ? 1 : 0,
        RaceDeclined: strata.RaceStatus == ReportStatus.Declined ? 1 : 0,
        EthnicityUnknown: strata.EthnicityStatus == ReportStatus.Unknown ? 1 : 0,
        EthnicityDeclined: strata.EthnicityStatus == ReportStatus.Declined ? 1 : 0,
        LanguageMissing: strata.HasLanguage ? 0 : 1,
        PayerMissing: strata.Payer is null ? 1 : 0,
        PayerUnmapped: strata.Payer == PayerCategory.Unknown ? 1 : 0,
        ZipMissing: strata.HasZip ? 0 : 1,
        ZipWithoutRurality: strata.HasZip && strata.Ruca == 0 ? 1 : 0,
        ZipWithoutDeprivation: strata.HasZip && strata.Adi == 0 ? 1 : 0);

    /// <summary>The sum of two sets of counts.</summary>
    public static CompletenessCounts operator +(CompletenessCounts left, CompletenessCounts right) => left.Add(right);

    /// <summary>The sum of this and <paramref name="other"/> (checked: overflow throws).</summary>
    public CompletenessCounts Add(CompletenessCounts other) => new(
        checked(Patients + other.Patients),
        checked(RaceUnknown + other.RaceUnknown),
        checked(RaceDeclined + other.RaceDeclined),
        checked(EthnicityUnknown + other.EthnicityUnknown),
        checked(EthnicityDeclined + other.EthnicityDeclined),
        checked(LanguageMissing + other.LanguageMissing),
        checked(PayerMissing + other.PayerMissing),
        checked(PayerUnmapped + other.PayerUnmapped),
        checked(ZipMissing + other.ZipMissing),
        checked(ZipWithoutRurality + other.ZipWithoutRurality),
        checked(ZipWithoutDeprivation + other.ZipWithoutDeprivation));

    /// <summary><paramref name="count"/> as a share of <see cref="Patients"/> (0-1), or null when there are no
    /// patients. Pass one of this instance's counts, e.g. <c>c.Share(c.RaceUnknown)</c>.</summary>
    public double? Share(long count) => Patients == 0 ? null : (double)count / Patients;
}

/// <summary>
/// The completeness report shown before any disparity figure: counts per data source and overall. Immutable;
/// reports of partitions, shards or practices merge exactly with <see cref="Merge"/>.
/// </summary>
public sealed class CompletenessReport
{
    private readonly SortedDictionary<string, CompletenessCounts> _bySource;

    private CompletenessReport(SortedDictionary<string, CompletenessCounts> bySource)
    {
        _bySource = bySource;
        var overall = default(CompletenessCounts);
        foreach (var counts in bySource.Values)
        {
            overall += counts;
        }

        Overall = overall;
        BySource = new ReadOnlyDictionary<string, CompletenessCounts>(bySource);
    }

    /// <summary>No patients.</summary>
    public static CompletenessReport Empty { get; } = new(new SortedDictionary<string, CompletenessCounts>(StringComparer.Ordinal));

    /// <summary>Counts per data source name, in ordinal order of the name.</summary>
    public IReadOnlyDictionary<string, CompletenessCounts> BySource { get; }

    /// <summary>The sum over all sources.</summary>
    public CompletenessCounts Overall { get; }

    /// <summary>A report from counts per source (sources named twice are added).</summary>
    public static CompletenessReport Create(IEnumerable<KeyValuePair<string, CompletenessCounts>> bySource)
    {
        ArgumentNullException.ThrowIfNull(bySource);
        var merged = new SortedDictionary<string, CompletenessCounts>(StringComparer.Ordinal);
        foreach (var (source, counts) in bySource)
        {
            ArgumentNullException.ThrowIfNull(source);
            merged[source] = merged.TryGetValue(source, out var existing) ? existing + counts : counts;
        }

        return new CompletenessReport(merged);
    }

    /// <summary>This report and <paramref name="other"/> added, source by source.</summary>
    public CompletenessReport Merge(CompletenessReport other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Create(_bySource.Concat(other._bySource));
    }
}

/// <summary>
/// Accumulates completeness counts for one partition of patients (one thread, one shard). Not thread-safe: use one
/// per partition and combine with <see cref="Add(CompletenessTally)"/> or by merging their reports.
/// </summary>
public sealed class CompletenessTally
{
    private readonly Dictionary<string, int> _bySource = new(StringComparer.Ordinal);
    private readonly List<CompletenessCounts> _counts = [];
    private string? _lastSource;
    private int _lastIndex;

    /// <summary>A tally at <paramref name="context"/>'s reference date and with its area tables.</summary>
    public CompletenessTally(StratificationContext context)
    {
        Context = context ?? throw new ArgumentNullException(nameof(context));
    }

    /// <summary>The reference date and area tables used.</summary>
    public StratificationContext Context { get; }

    /// <summary>Counts one patient under <paramref name="source"/>.</summary>
    /// <param name="source">The data source name (e.g. the ingest source).</param>
    /// <param name="patient">Demographics and geography.</param>
    /// <param name="coverages">The patient's coverages.</param>
    public void Add(string source, PatientFact patient, IReadOnlyList<CoverageFact> coverages) =>
        Add(source, CompletenessCounts.Of(patient, coverages, Context));

    /// <summary>Counts one patient under <paramref name="source"/>, from what the stratifiers read.</summary>
    internal void Add(string source, in PatientStrata strata) => Add(source, CompletenessCounts.Of(strata));

    private void Add(string source, CompletenessCounts one)
    {
        ArgumentNullException.ThrowIfNull(source);

        // Patients come grouped by source, so the last source's slot is almost always the one to add to.
        if (!ReferenceEquals(source, _lastSource))
        {
            _lastSource = source;
            _lastIndex = IndexOf(source);
        }

        CollectionsMarshal.AsSpan(_counts)[_lastIndex] += one;
    }

    private int IndexOf(string source)
    {
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_bySource, source, out var exists);
        if (!exists)
        {
            index = _counts.Count;
            _counts.Add(default);
        }

        return index;
    }

    /// <summary>Adds another partition's counts into this one (both must use the same context).</summary>
    public void Add(CompletenessTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this) || !Equals(other.Context, Context))
        {
            throw new ArgumentException("Only another tally with the same reference date and area tables can be added.", nameof(other));
        }

        foreach (var (source, index) in other._bySource)
        {
            var mine = IndexOf(source);
            CollectionsMarshal.AsSpan(_counts)[mine] += other._counts[index];
        }
    }

    /// <summary>The counts so far, as an immutable report.</summary>
    public CompletenessReport ToReport() =>
        CompletenessReport.Create(_bySource.Select(s => KeyValuePair.Create(s.Key, _counts[s.Value])));
}
