using RadEquity.Engine.Facts;
using RadEquity.Engine.Measures;
using static RadEquity.Engine.Tests.Measures.TestCodes;

namespace RadEquity.Engine.Tests.Measures;

public class FollowUpCompletionTests
{
    private static readonly MeasurementPeriod Year = MeasurementPeriod.ForYear(2025);
    private static readonly MeasureContext Context = new(Year, Terms);
    private static readonly FollowUpCompletion Within60 = FollowUpCompletion.BiRadsDiagnosticResolution(Terms, 60);
    private static readonly FollowUpCompletion Within90 = FollowUpCompletion.BiRadsDiagnosticResolution(Terms, 90);
    private static readonly FollowUpCompletion ShortInterval = FollowUpCompletion.BiRadsShortInterval(Terms, 30);
    private static readonly FollowUpCompletion Lung = FollowUpCompletion.LungRads(Terms, 30);
    private static readonly DateOnly IndexDay = new(2025, 3, 1);

    private static TestPatient Recalled(int category = 0) =>
        TestPatient.Woman(new DateOnly(1970, 1, 1)).Observation(BiRads, IndexDay, value: BiRadsValue(category), category: "imaging");

    [Fact]
    public void Evaluate_BiRads0ResolvedByBiRads1After30Days_InNumeratorWith30Days()
    {
        var result = Within60.Evaluate(Recalled().Observation(BiRads, IndexDay.AddDays(30), value: BiRadsValue(1)).Build(), Context);

        Assert.True(result.InNumerator);
        Assert.Equal(30, result.DaysToResolution);
        Assert.Equal(GapStatus.Closed, result.Gap);
    }

    [Fact]
    public void Evaluate_BiRads0ResolvedAfter75Days_MissesSixtyButMeetsNinety()
    {
        var patient = Recalled().Observation(BiRads, IndexDay.AddDays(75), value: BiRadsValue(2)).Build();

        Assert.False(Within60.Evaluate(patient, Context).InNumerator);
        Assert.Equal(75, Within60.Evaluate(patient, Context).DaysToResolution);
        Assert.True(Within90.Evaluate(patient, Context).InNumerator);
    }

    [Fact]
    public void Evaluate_BiRads4ResolvedByBiopsy_InNumerator() =>
        Assert.True(Within60.Evaluate(Recalled(4).Procedure(BreastBiopsy, IndexDay.AddDays(12)).Build(), Context).InNumerator);

    [Fact]
    public void Evaluate_BiRads0FollowedByBiRads4Only_NotResolved()
    {
        var result = Within60.Evaluate(Recalled().Observation(BiRads, IndexDay.AddDays(10), value: BiRadsValue(4)).Build(), Context);

        Assert.True(result.InDenominator);
        Assert.False(result.InNumerator);
        Assert.Equal(GapStatus.Open, result.Gap);
        Assert.Equal(IndexDay.AddDays(60), result.DueDate);
    }

    [Fact]
    public void Evaluate_BiRads2Screen_NotInDenominator() =>
        Assert.False(Within60.Evaluate(Recalled(2).Build(), Context).InInitialPopulation);

    [Fact]
    public void Evaluate_IndexWhoseWindowEndsAfterPeriod_NotInDenominator() =>
        Assert.False(Within60.Evaluate(TestPatient.Woman(new DateOnly(1970, 1, 1))
            .Observation(BiRads, new DateOnly(2025, 11, 15), value: BiRadsValue(0)).Build(), Context).InInitialPopulation);

    [Fact]
    public void Evaluate_IndexFromPreviousYearDueInPeriod_InDenominator() =>
        Assert.True(Within60.Evaluate(TestPatient.Woman(new DateOnly(1970, 1, 1))
            .Observation(BiRads, new DateOnly(2024, 12, 1), value: BiRadsValue(5)).Build(), Context).InDenominator);

    [Fact]
    public void Evaluate_UnresolvedWindowStillRunningOnAsOf_ProspectiveGap()
    {
        var asOf = new MeasureContext(Year, Terms, IndexDay.AddDays(20));

        Assert.Equal(GapStatus.Prospective, Within60.Evaluate(Recalled().Build(), asOf).Gap);
    }

    [Theory]
    [InlineData(200, true)]  // six months (181 days from 10 January) plus 30 days of grace
    [InlineData(215, false)]
    public void Evaluate_BiRads3ShortIntervalImaging_WithinSixMonthsPlusGrace(int days, bool met) =>
        Assert.Equal(met, ShortInterval.Evaluate(TestPatient.Woman(new DateOnly(1970, 1, 1))
            .Observation(BiRads, new DateOnly(2025, 1, 10), value: BiRadsValue(3))
            .Procedure(BreastUltrasound, new DateOnly(2025, 1, 10).AddDays(days)).Build(), Context).InNumerator);

    [Fact]
    public void Evaluate_LungRads4BChestCtAt25Days_InNumerator() =>
        Assert.True(Lung.Evaluate(TestPatient.Man(new DateOnly(1960, 1, 1))
            .Observation(LungRads, IndexDay, value: LungRadsValue("4B"))
            .Procedure(PetCt, IndexDay.AddDays(25)).Build(), Context).InNumerator);

    [Fact]
    public void Evaluate_LungRads4ACtAfter100Days_Late()
    {
        var result = Lung.Evaluate(TestPatient.Man(new DateOnly(1960, 1, 1))
            .Observation(LungRads, IndexDay, value: LungRadsValue("4A"))
            .Procedure(LowDoseCt, IndexDay.AddDays(100)).Build(), Context);

        Assert.False(result.InNumerator);
        Assert.Equal(100, result.DaysToResolution);
    }

    [Fact]
    public void Evaluate_TwoIndexResults_CountsTheEarliest()
    {
        var patient = Recalled()
            .Observation(BiRads, IndexDay.AddDays(5), value: BiRadsValue(1))
            .Observation(BiRads, IndexDay.AddDays(100), value: BiRadsValue(0));

        Assert.Equal(5, Within60.Evaluate(patient.Build(), Context).DaysToResolution);
    }

    [Fact]
    public void Explain_Unresolved_NamesTheIndexResult()
    {
        var outcome = Within60.Explain(Recalled().Build(), Context);

        Assert.Contains(outcome.Evidence, e => e.Criterion == "Denominator: index result" && e.Resource == "Observation/e1");
        Assert.Contains(outcome.Evidence, e => e.Role == EvidenceRole.Absent && e.Criterion == "Numerator: resolution");
        Assert.NotNull(outcome.Gap);
    }
}
