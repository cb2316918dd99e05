using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using RadEquity.Engine.Disclosure;
using RadEquity.Engine.Evaluation;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Strata;
using Measure = RadEquity.Engine.Measures.Measure;

namespace RadEquity.Interop.Fhir;

/// <summary>
/// Writes one measure's counts as a FHIR R4 <c>MeasureReport</c> (status <c>complete</c>, type <c>summary</c>) with
/// the Firely SDK.
/// </summary>
/// <remarks>
/// <para>Layout. <c>measure</c> is the measure's canonical (<see cref="CanonicalOf"/>); <c>period</c> the measurement
/// period at day precision; <c>improvementNotation</c> <c>increase</c> (every RadEquity measure is a proportion where
/// higher is better). One <c>group</c> holds the populations, coded from
/// <c>http://terminology.hl7.org/CodeSystem/measure-population</c>, and <c>measureScore</c> = numerator /
/// (denominator − exclusions), rounded to four decimals and omitted when nobody is eligible. Each stratifier is a
/// <c>group.stratifier</c> whose <c>code</c> has <c>text</c> = the stratifier id and a coding in
/// <see cref="StratifierSystem"/>; each category is a <c>stratum</c> with <c>value.text</c> = the category (a cross
/// reads <c>"A × B"</c>, and <c>"Unknown"</c> when both parts are unknown, as <see cref="Stratifier.Cross"/> names
/// it).</para>
/// <para>CMS125 and CMS130: the official Measure's only stratifications are two age strata (Stratification_1_1/1_2,
/// e.g. 42–51 and 52–74 for CMS125) and its race, ethnicity, payer and sex are supplemental data, not strata. The
/// counts hold no cells for those age strata, so they are not reported; RadEquity's stratifiers are additional and
/// carry their own code system, so they cannot be taken for the official ones. The group's id is the official
/// <c>Group_1</c>.</para>
/// <para>The report of counts (<see cref="Create"/>) is for use inside the practice. Anything that leaves it is built
/// with <see cref="CreateDeidentified"/> from the small-cell gate's output (ARCHITECTURE idea 5).</para>
/// </remarks>
public static class MeasureReportWriter
{
    /// <summary>The code system of RadEquity's stratifiers (codes are stratifier ids such as <c>payer</c>).</summary>
    public const string StratifierSystem = "https://radequity.org/fhir/CodeSystem/stratifier";

    /// <summary>
    /// Extension on the report's group (<c>valueInteger</c>): numerator patients met (also) by the measure's reported
    /// method (<see cref="Measure.ReportedMethod"/>; CT colonography for CMS130), so that the method's share is the
    /// extension's value over the numerator count. Present only for measures that report a method, and only in the
    /// report of counts: the gate does not screen this count, so the de-identified report leaves it out.
    /// </summary>
    public const string ReportedMethodCountUrl = "https://radequity.org/fhir/StructureDefinition/reported-method-count";

    /// <summary>The core extension that marks a withheld count or score (code <c>masked</c>).</summary>
    public const string DataAbsentReasonUrl = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

    /// <summary>The code system of the population codes.</summary>
    public const string MeasurePopulationSystem = "http://terminology.hl7.org/CodeSystem/measure-population";

    private const string OwnMeasureBase = "https://radequity.org/fhir/Measure/";
    private const string ImprovementNotationSystem = "http://terminology.hl7.org/CodeSystem/measure-improvement-notation";
    private const string OfficialGroupId = "Group_1";
    private const string CrossInfix = "-x-";
    private const int ScoreDecimals = 4;

    /// <summary>
    /// The measure's canonical reference, <c>url|version</c>: the published eCQM Measure's <c>url</c> for CMS125 and
    /// CMS130 (<c>https://madie.cms.gov/Measure/CMS125FHIRBreastCancerScreening|0.4.000</c>), else
    /// <c>https://radequity.org/fhir/Measure/&lt;id&gt;|&lt;version&gt;</c>.
    /// </summary>
    public static string CanonicalOf(Measure measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        return (OfficialUrlOf(measure.Id) ?? OwnMeasureBase + measure.Id) + "|" + measure.Version;
    }

    /// <summary>
    /// The report of one measure's counts: initial population, denominator, denominator exclusions and numerator,
    /// overall and in every category of <paramref name="stratifiers"/> present in <paramref name="counts"/>. It carries
    /// small counts: for use inside the practice only.
    /// </summary>
    /// <param name="measure">The measure.</param>
    /// <param name="counts">The evaluation's counts.</param>
    /// <param name="stratifiers">The stratifiers to report, in order (each was evaluated with the counts).</param>
    /// <param name="period">The measurement period evaluated.</param>
    /// <param name="generated">When the report is made (<c>date</c>).</param>
    /// <param name="reporter">Who reports (<c>reporter.display</c>), if given.</param>
    /// <exception cref="OverflowException">A count exceeds a FHIR integer.</exception>
    public static MeasureReport Create(Measure measure, EvaluationCounts counts, IReadOnlyList<Stratifier> stratifiers,
        MeasurementPeriod period, DateTimeOffset generated, string? reporter = null)
    {
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(stratifiers);
        ArgumentNullException.ThrowIfNull(period);
        var overall = counts.Overall(measure.Id);
        var group = NewGroup(measure, PopulationsOf(overall), Score(overall.Numerator, overall.Eligible));
        if (measure.ReportedMethod is not null)
        {
            group.Extension.Add(new Extension(ReportedMethodCountUrl, new Integer(ToInt(overall.ReportedMethod))));
        }

        foreach (var stratifier in stratifiers)
        {
            ArgumentNullException.ThrowIfNull(stratifier, nameof(stratifiers));
            var component = NewStratifier(stratifier.Id, stratifier.Name);
            foreach (var (category, cell) in counts.Strata(measure.Id, stratifier))
            {
                component.Stratum.Add(NewStratum(category, PopulationsOf(cell), Score(cell.Numerator, cell.Eligible)));
            }

            group.Stratifier.Add(component);
        }

        return NewReport(measure, period, generated, reporter, group);
    }

    /// <summary>
    /// The report of a release that passed the small-cell gate: the only form of a report that may leave the practice.
    /// Populations are <c>denominator</c> (exclusions already removed) and <c>numerator</c>; the initial population,
    /// exclusions and the reported-method count are not published. A suppressed cell has no count and no score: each
    /// carries the data-absent-reason extension with code <c>masked</c> instead. Every table of the release is a
    /// stratifier, crosses included; a cross's code is <c>first-x-second</c>.
    /// </summary>
    /// <param name="measure">The measure the release is of.</param>
    /// <param name="release">The gate's output (<see cref="SmallCellGate.Disclose"/>), e.g. of <see cref="ToRelease"/>.</param>
    /// <param name="period">The measurement period evaluated.</param>
    /// <param name="generated">When the report is made (<c>date</c>).</param>
    /// <param name="reporter">Who reports (<c>reporter.display</c>), if given.</param>
    /// <exception cref="ArgumentException">The release is of another measure.</exception>
    public static MeasureReport CreateDeidentified(Measure measure, DisclosedRelease release, MeasurementPeriod period,
        DateTimeOffset generated, string? reporter = null)
    {
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(period);
        if (!string.Equals(release.Measure, measure.Id, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The release is of '{release.Measure}', not of '{measure.Id}'.", nameof(release));
        }

        var group = NewGroup(measure, PopulationsOf(release.Total), ScoreOf(release.Total));
        foreach (var table in release.Tables)
        {
            var component = NewStratifier(string.Join(CrossInfix, table.Stratifiers), NameOf(table.Stratifiers));
            foreach (var cell in table.Cells)
            {
                component.Stratum.Add(NewStratum(CategoryOf(cell.Categories), PopulationsOf(cell), ScoreOf(cell)));
            }

            group.Stratifier.Add(component);
        }

        return NewReport(measure, period, generated, reporter, group);
    }

    /// <summary>Pretty-printed FHIR JSON of <paramref name="report"/>, by the Firely SDK's serializer.</summary>
    public static string ToJson(MeasureReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return FhirJsonSerializer.Default.SerializeToString(report, pretty: true);
    }

    /// <summary>
    /// One measure's counts as a release for <see cref="SmallCellGate.Disclose"/>: a one-way table per stratifier and a
    /// two-way table per cross (a stratifier made by <see cref="Stratifier.Cross"/>, whose <c>"A × B"</c> categories
    /// are split in two, and whose <c>"Unknown"</c> is unknown on both). Tables name stratifiers by id. Each cell's
    /// denominator is the eligible count (denominator − exclusions) and its exclusions 0, as exclusions are not
    /// published.
    /// </summary>
    /// <param name="measure">The measure.</param>
    /// <param name="counts">The evaluation's counts.</param>
    /// <param name="stratifiers">The stratifiers, at least one, each evaluated with the counts.</param>
    /// <exception cref="ArgumentException">No stratifier is given, or one's counts do not add up to the overall counts
    /// (it was not evaluated).</exception>
    public static AggregateRelease ToRelease(Measure measure, EvaluationCounts counts, IReadOnlyList<Stratifier> stratifiers)
    {
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(stratifiers);
        if (stratifiers.Count == 0)
        {
            throw new ArgumentException("A release has at least one stratifier.", nameof(stratifiers));
        }

        var overall = counts.Overall(measure.Id);
        var tables = new List<AggregateTable>(stratifiers.Count);
        foreach (var stratifier in stratifiers)
        {
            ArgumentNullException.ThrowIfNull(stratifier, nameof(stratifiers));
            var strata = counts.Strata(measure.Id, stratifier);
            if (strata.Sum(s => s.Counts.Eligible) != overall.Eligible || strata.Sum(s => s.Counts.Numerator) != overall.Numerator)
            {
                throw new ArgumentException(
                    $"The counts of '{measure.Id}' by '{stratifier.Id}' do not add up to its overall counts; was the stratifier evaluated?",
                    nameof(stratifiers));
            }

            var cross = CrossComponentsOf(stratifier);
            var cells = strata
                .Select(s => new AggregateCell(cross is null ? [s.Category] : SplitCross(stratifier, s.Category), CellOf(s.Counts)))
                .ToList();
            tables.Add(new AggregateTable(cross is { } pair ? [pair.First, pair.Second] : [stratifier.Id], cells));
        }

        return new AggregateRelease(measure.Id, tables);
    }

    private static string? OfficialUrlOf(string measureId) => measureId switch
    {
        "cms125" => "https://madie.cms.gov/Measure/CMS125FHIRBreastCancerScreening",
        "cms130" => "https://madie.cms.gov/Measure/CMS130FHIRColorectalCancerScreening",
        _ => null,
    };

    private static MeasureReport NewReport(Measure measure, MeasurementPeriod period, DateTimeOffset generated, string? reporter,
        MeasureReport.GroupComponent group)
    {
        var report = new MeasureReport
        {
            Status = MeasureReport.MeasureReportStatus.Complete,
            Type = MeasureReport.MeasureReportType.Summary,
            Measure = CanonicalOf(measure),
            DateElement = new FhirDateTime(generated),
            Period = new Period(DayOf(period.Start), DayOf(period.End)),
            ImprovementNotation = Concept(ImprovementNotationSystem, "increase", "Increased score indicates improvement"),
            Group = [group],
        };
        if (!string.IsNullOrWhiteSpace(reporter))
        {
            report.Reporter = new ResourceReference { Display = reporter };
        }

        return report;
    }

    private static MeasureReport.GroupComponent NewGroup(Measure measure, IEnumerable<PopulationCount> populations, Quantity? score) =>
        new()
        {
            ElementId = OfficialUrlOf(measure.Id) is null ? null : OfficialGroupId,
            Population = populations.Select(p => new MeasureReport.PopulationComponent { Code = p.Code(), CountElement = p.Count() }).ToList(),
            MeasureScore = score,
        };

    private static MeasureReport.StratifierComponent NewStratifier(string id, string name) =>
        new() { Code = [Concept(StratifierSystem, id, name, text: id)] };

    private static MeasureReport.StratifierGroupComponent NewStratum(string category, IEnumerable<PopulationCount> populations,
        Quantity? score) =>
        new()
        {
            Value = new CodeableConcept { Text = category },
            Population = populations
                .Select(p => new MeasureReport.StratifierGroupPopulationComponent { Code = p.Code(), CountElement = p.Count() })
                .ToList(),
            MeasureScore = score,
        };

    private static PopulationCount[] PopulationsOf(StratumCounts counts) =>
    [
        new("initial-population", "Initial Population", counts.InitialPopulation),
        new("denominator", "Denominator", counts.Denominator),
        new("denominator-exclusion", "Denominator Exclusion", counts.Exclusions),
        new("numerator", "Numerator", counts.Numerator),
    ];

    private static PopulationCount[] PopulationsOf(DisclosedCell cell) =>
    [
        new("denominator", "Denominator", cell.Counts?.Denominator),
        new("numerator", "Numerator", cell.Counts?.Numerator),
    ];

    private static Quantity? ScoreOf(DisclosedCell cell) =>
        cell.Counts is { } shown ? Score(shown.Numerator, shown.Denominator) : new Quantity { Extension = [Masked()] };

    private static Quantity? Score(long numerator, long eligible) =>
        eligible == 0 ? null : new Quantity { Value = decimal.Round((decimal)numerator / eligible, ScoreDecimals, MidpointRounding.AwayFromZero) };

    private static CellCounts CellOf(StratumCounts counts) => new(counts.Eligible, counts.Numerator, exclusions: 0);

    private static CodeableConcept Concept(string system, string code, string display, string? text = null) =>
        new() { Coding = [new Coding(system, code, display)], Text = text };

    private static Extension Masked() => new(DataAbsentReasonUrl, new Code("masked"));

    private static int ToInt(long count) => checked((int)count);

    private static FhirDateTime DayOf(DateOnly day) => new(day.Year, day.Month, day.Day);

    private static (string First, string Second)? CrossComponentsOf(Stratifier stratifier)
    {
        var at = stratifier.Id.IndexOf(CrossInfix, StringComparison.Ordinal);
        var known = stratifier.KnownCategories;
        if (at <= 0 || !known.Take(known.Count - 1).All(c => c.Contains(Stratifier.CrossSeparator, StringComparison.Ordinal)))
        {
            return null;
        }

        if (stratifier.Id.IndexOf(CrossInfix, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException($"The parts of the cross '{stratifier.Id}' are ambiguous.", nameof(stratifier));
        }

        return (stratifier.Id[..at], stratifier.Id[(at + CrossInfix.Length)..]);
    }

    private static string[] SplitCross(Stratifier stratifier, string category)
    {
        if (string.Equals(category, Stratifier.Unknown, StringComparison.Ordinal))
        {
            return [Stratifier.Unknown, Stratifier.Unknown];
        }

        var at = category.IndexOf(Stratifier.CrossSeparator, StringComparison.Ordinal);
        return at < 0
            ? throw new ArgumentException($"The category '{category}' of the cross '{stratifier.Id}' has no two parts.", nameof(stratifier))
            : [category[..at], category[(at + Stratifier.CrossSeparator.Length)..]];
    }

    private static string CategoryOf(IReadOnlyList<string> categories) =>
        categories is [Stratifier.Unknown, Stratifier.Unknown] ? Stratifier.Unknown : string.Join(Stratifier.CrossSeparator, categories);

    private static string NameOf(IReadOnlyList<string> ids) =>
        Stratifiers.Find(string.Join(CrossInfix, ids))?.Name
        ?? string.Join(Stratifier.CrossSeparator, ids.Select(id => Stratifiers.Find(id)?.Name ?? id));

    /// <summary>One population's code and count; a null count is withheld (masked).</summary>
    private sealed record PopulationCount(string Population, string Display, long? Value)
    {
        public CodeableConcept Code() => Concept(MeasurePopulationSystem, Population, Display);

        public Integer Count() => Value is { } count ? new Integer(ToInt(count)) : new Integer { Extension = [Masked()] };
    }
}
