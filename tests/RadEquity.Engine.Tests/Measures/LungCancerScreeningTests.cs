using RadEquity.Engine.Measures;
using static RadEquity.Engine.Tests.Measures.TestCodes;

namespace RadEquity.Engine.Tests.Measures;

public class LungCancerScreeningTests
{
    private static readonly MeasurementPeriod Year = MeasurementPeriod.ForYear(2025);
    private static readonly LungCancerScreening Measure = new(Terms);
    private static readonly MeasureContext Context = new(Year, Terms);
    private static readonly DateOnly Recorded = new(2025, 2, 1);

    private static TestPatient Smoker(decimal packYears, bool current = true, DateOnly? quit = null, int birthYear = 1960)
    {
        var p = TestPatient.Man(new DateOnly(birthYear, 6, 1))
            .Observation(SmokingStatus, Recorded, value: current ? CurrentSmoker : FormerSmoker)
            .Observation(PackYears, Recorded, quantity: packYears);
        return quit is { } q ? p.Observation(QuitDate, q) : p;
    }

    [Fact]
    public void Evaluate_CurrentSmoker20PackYears_InDenominator() =>
        Assert.True(Measure.Evaluate(Smoker(20).Build(), Context).InDenominator);

    [Fact]
    public void Evaluate_CurrentSmoker19PackYears_NotInInitialPopulation() =>
        Assert.False(Measure.Evaluate(Smoker(19.5m).Build(), Context).InInitialPopulation);

    [Theory]
    [InlineData(2011, 1, 1, true)]    // quit 14 years before the end of the period
    [InlineData(2010, 12, 31, false)] // quit 15 years before: no longer eligible
    public void Evaluate_FormerSmoker_EligibleWhenQuitWithin15Years(int y, int m, int d, bool eligible) =>
        Assert.Equal(eligible, Measure.Evaluate(Smoker(30, current: false, quit: new DateOnly(y, m, d)).Build(), Context).InInitialPopulation);

    [Fact]
    public void Evaluate_FormerSmokerWithoutQuitDate_NotInInitialPopulation() =>
        Assert.False(Measure.Evaluate(Smoker(30, current: false).Build(), Context).InInitialPopulation);

    [Theory]
    [InlineData(1975, true)]   // 50
    [InlineData(1976, false)]  // 49
    [InlineData(1945, true)]   // 80
    [InlineData(1944, false)]  // 81
    public void Evaluate_AgeAtEndOfPeriod_50To80(int birthYear, bool eligible) =>
        Assert.Equal(eligible, Measure.Evaluate(Smoker(25, birthYear: birthYear).Build(), Context).InInitialPopulation);

    [Fact]
    public void Evaluate_LowDoseCtInPeriod_InNumerator()
    {
        var result = Measure.Evaluate(Smoker(25).Procedure(LowDoseCt, new DateOnly(2025, 9, 1)).Build(), Context);

        Assert.True(result.InNumerator);
        Assert.Equal(new DateOnly(2026, 9, 1), result.DueDate);
    }

    [Fact]
    public void Evaluate_LowDoseCtPreviousYear_OpenGapDueOnAnniversary()
    {
        var result = Measure.Evaluate(Smoker(25).Procedure(LowDoseCt, new DateOnly(2024, 9, 1)).Build(), Context);

        Assert.False(result.InNumerator);
        Assert.Equal(GapStatus.Open, result.Gap);
        Assert.Equal(new DateOnly(2025, 9, 1), result.DueDate);
    }
}
