using RadEquity.Engine.Evaluation;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Reporting;
using RadEquity.Engine.Statistics;
using RadEquity.Engine.Strata;
using RadEquity.Engine.Tests.Measures;

namespace RadEquity.Engine.Tests.Reporting;

public class EquityReportBuilderTests
{
    private static readonly MeasurementPeriod Year = MeasurementPeriod.ForYear(2025);
    private static readonly Measure Breast = new BreastCancerScreening(TestCodes.Terms);

    private static EvaluationCounts Counts(params (string Payer, long Eligible, long Numerator)[] groups)
    {
        var cells = new List<KeyValuePair<StratumKey, StratumCounts>>();
        long n = 0, x = 0;
        foreach (var (payer, eligible, numerator) in groups)
        {
            cells.Add(new(new StratumKey(Breast.Id, Stratifiers.Payer.Id, payer), StratumCounts.FromValues(eligible, eligible, 0, numerator, 0, eligible - numerator, 0, null)));
            n += eligible;
            x += numerator;
        }

        cells.Add(new(new StratumKey(Breast.Id, StratumKey.Overall, StratumKey.Overall), StratumCounts.FromValues(n, n, 0, x, 0, n - x, 0, null)));
        return EvaluationCounts.FromCells(cells, n);
    }

    [Fact]
    public void Build_UninsuredBelowPrivate_FindingNamesRatesIntervalAndPeopleAtParity()
    {
        var counts = Counts(("Private", 1000, 760), ("Uninsured/self-pay", 500, 205), ("Unknown", 40, 39));

        var report = EquityReportBuilder.Build(counts, [Breast], [Stratifiers.Payer], Year, Year.End);

        var payer = Assert.Single(report.Measures).Stratifiers.Single();
        Assert.Equal("Private", payer.Reference); // Unknown has the highest rate but is not a group
        var finding = Assert.Single(payer.Findings);
        Assert.Equal("Uninsured/self-pay (Payer): women were screened at 41% (95% CI 37–45%) against 76% for Private; 175 more would have been screened at parity.", finding);
        var uninsured = payer.Rows.Single(r => r.Category == "Uninsured/self-pay");
        Assert.Equal(-0.35, uninsured.Difference!.Value.Value, 10);
        Assert.NotNull(payer.Summary);
        Assert.Equal(2, payer.Summary!.GroupCount);
    }

    [Fact]
    public void Build_ChosenReference_ComparesWithIt()
    {
        var counts = Counts(("Private", 1000, 760), ("Medicare", 800, 600), ("Medicaid", 300, 200));
        var options = new ReportOptions { ReferenceGroups = new Dictionary<string, string> { ["payer"] = "Medicaid" } };

        var section = EquityReportBuilder.Build(counts, [Breast], [Stratifiers.Payer], Year, Year.End, options).Measures[0].Stratifiers[0];

        Assert.Equal("Medicaid", section.Reference);
        Assert.Null(section.Rows.Single(r => r.Category == "Medicaid").Difference);
        Assert.Empty(section.Findings); // everyone else is above the reference
    }

    [Fact]
    public void Build_NinetyNinePercent_WidensIntervals()
    {
        var counts = Counts(("Private", 1000, 760), ("Uninsured/self-pay", 500, 205));

        var at95 = EquityReportBuilder.Build(counts, [Breast], [Stratifiers.Payer], Year, Year.End).Measures[0].Overall.Interval;
        var at99 = EquityReportBuilder.Build(counts, [Breast], [Stratifiers.Payer], Year, Year.End,
            new ReportOptions { Level = ConfidenceLevel.NinetyNine, Method = IntervalMethod.ClopperPearson }).Measures[0].Overall.Interval;

        Assert.True(at99.Lower < at95.Lower && at99.Upper > at95.Upper);
    }

    [Fact]
    public void Build_NoDifferenceBeyondChance_NoFinding()
    {
        var counts = Counts(("Private", 100, 76), ("Medicare", 100, 70));

        Assert.Empty(EquityReportBuilder.Build(counts, [Breast], [Stratifiers.Payer], Year, Year.End).Measures[0].Stratifiers[0].Findings);
    }
}
