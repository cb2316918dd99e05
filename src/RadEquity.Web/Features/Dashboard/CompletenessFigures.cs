using RadEquity.Engine.Disclosure;
using RadEquity.Engine.Strata;

namespace RadEquity.Web.Features.Dashboard;

/// <summary>One demographic field whose unknown share qualifies the disparity figures that depend on it.</summary>
/// <param name="Id">Short id (<c>race</c>, <c>zip</c>, ...).</param>
/// <param name="Label">What is unknown, for people.</param>
/// <param name="StratifierIds">The stratifiers this field feeds.</param>
/// <param name="Count">Patients with the field unknown.</param>
internal sealed record CompletenessField(string Id, string Label, IReadOnlyList<string> StratifierIds, Func<CompletenessCounts, long> Count)
{
    public static IReadOnlyList<CompletenessField> All { get; } =
    [
        new("race", "Race unknown or declined", ["race-ethnicity", "race-ethnicity-x-payer"], c => c.RaceUnknown + c.RaceDeclined),
        new("ethnicity", "Ethnicity unknown or declined", ["race-ethnicity", "race-ethnicity-x-payer"],
            c => c.EthnicityUnknown + c.EthnicityDeclined),
        new("language", "Preferred language missing", ["language", "language-x-rurality"], c => c.LanguageMissing),
        new("payer", "Payer missing or unmapped", ["payer", "race-ethnicity-x-payer"], c => c.PayerMissing + c.PayerUnmapped),
        new("zip", "ZIP missing", ["rurality", "deprivation", "language-x-rurality"], c => c.ZipMissing),
    ];

    public static IEnumerable<CompletenessField> Of(string stratifierId) =>
        All.Where(f => f.StratifierIds.Contains(stratifierId, StringComparer.Ordinal));
}

/// <summary>A share of patients with a field unknown; <see cref="Share"/> is null when the gate withheld it.</summary>
internal readonly record struct CompletenessShare(double? Share, long? Count, long? Patients)
{
    public bool IsSuppressed => Share is null && Patients is null;
}

/// <summary>
/// The share of unknown race, ethnicity, language, payer and ZIP per source and over all sources. For
/// <see cref="FigureBasis.Disclosed"/>, each field's counts by source go through <see cref="SmallCellGate"/> as a
/// one-way table (patients as denominator, unknown as numerator), so a share that would reveal 1 to 10 patients is
/// withheld like any other small cell.
/// </summary>
internal sealed class CompletenessFigures
{
    public const string AllSources = "All sources";

    private CompletenessFigures(IReadOnlyList<string> sources, IReadOnlyDictionary<(string Field, string Source), CompletenessShare> shares)
    {
        Sources = sources;
        Shares = shares;
    }

    /// <summary>The sources, then <see cref="AllSources"/>.</summary>
    public IReadOnlyList<string> Sources { get; }

    public IReadOnlyDictionary<(string Field, string Source), CompletenessShare> Shares { get; }

    public CompletenessShare Get(string field, string source) =>
        Shares.TryGetValue((field, source), out var share) ? share : new CompletenessShare(null, null, null);

    public static CompletenessFigures Of(CompletenessReport report, FigureBasis basis)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sources = report.BySource.Keys.Append(AllSources).ToList();
        var shares = new Dictionary<(string, string), CompletenessShare>();
        foreach (var field in CompletenessField.All)
        {
            if (basis == FigureBasis.Internal)
            {
                foreach (var (source, counts) in report.BySource)
                {
                    shares[(field.Id, source)] = Internal(field.Count(counts), counts.Patients);
                }

                shares[(field.Id, AllSources)] = Internal(field.Count(report.Overall), report.Overall.Patients);
                continue;
            }

            if (report.BySource.Count == 0)
            {
                continue;
            }

            var release = SmallCellGate.Disclose(new AggregateRelease("completeness-" + field.Id,
            [
                new AggregateTable(["source"], report.BySource
                    .Select(s => new AggregateCell([s.Key], new CellCounts(s.Value.Patients, field.Count(s.Value))))
                    .ToList()),
            ]));
            foreach (var cell in release.Tables[0].Cells)
            {
                shares[(field.Id, cell.Categories[0])] = Disclosed(cell);
            }

            shares[(field.Id, AllSources)] = Disclosed(release.Total);
        }

        return new CompletenessFigures(sources, shares);
    }

    private static CompletenessShare Internal(long count, long patients) =>
        new(patients == 0 ? double.NaN : (double)count / patients, count, patients);

    private static CompletenessShare Disclosed(DisclosedCell cell) => cell.Counts is { } counts
        ? new CompletenessShare(cell.Rate, counts.Numerator, counts.Denominator)
        : new CompletenessShare(null, null, null);
}
