using RadEquity.Engine.Facts;
using RadEquity.Engine.Measures;
using static RadEquity.Engine.Tests.Measures.TestCodes;

namespace RadEquity.Engine.Tests.Measures;

public class ColorectalCancerScreeningTests
{
    private static readonly MeasurementPeriod Year = MeasurementPeriod.ForYear(2025);
    private static readonly ColorectalCancerScreening Measure = new(Terms);
    private static readonly MeasureContext Context = new(Year, Terms);

    private static TestPatient Eligible() => TestPatient.Man(new DateOnly(1965, 6, 1)).Visit(new DateOnly(2025, 2, 3));

    [Theory]
    [InlineData(1979, 12, 31, true)]   // 46
    [InlineData(1980, 1, 1, false)]    // 45
    [InlineData(1950, 1, 1, true)]     // 75
    [InlineData(1949, 12, 31, false)]  // 76
    public void Evaluate_AgeAtEndOfPeriod_DecidesInitialPopulation(int y, int m, int d, bool inPopulation) =>
        Assert.Equal(inPopulation, Measure.Evaluate(TestPatient.Woman(new DateOnly(y, m, d)).Visit(new DateOnly(2025, 2, 3)).Build(),
            Context).InInitialPopulation);

    [Theory]
    [InlineData(2016, 1, 1, true)]
    [InlineData(2015, 12, 31, false)]
    public void Evaluate_Colonoscopy_CountsInPeriodOrNineYearsBefore(int y, int m, int d, bool counted) =>
        Assert.Equal(counted, Measure.Evaluate(Eligible().Procedure(Colonoscopy, new DateOnly(y, m, d)).Build(), Context).InNumerator);

    [Theory]
    [InlineData(2021, 1, 1, true)]
    [InlineData(2020, 12, 31, false)]
    public void Evaluate_FlexibleSigmoidoscopy_CountsInPeriodOrFourYearsBefore(int y, int m, int d, bool counted) =>
        Assert.Equal(counted, Measure.Evaluate(Eligible().Procedure(Sigmoidoscopy, new DateOnly(y, m, d)).Build(), Context).InNumerator);

    [Theory]
    [InlineData(2025, 1, 1, true)]
    [InlineData(2024, 12, 31, false)]
    public void Evaluate_FitWithResult_CountsInPeriodOnly(int y, int m, int d, bool counted) =>
        Assert.Equal(counted, Measure.Evaluate(Eligible().Observation(Fit, new DateOnly(y, m, d), value: new Coding(Coding.Snomed, "260385009"),
            category: "laboratory").Build(), Context).InNumerator);

    [Fact]
    public void Evaluate_FitWithoutResultValue_NotInNumerator() =>
        Assert.False(Measure.Evaluate(Eligible().Observation(Fit, new DateOnly(2025, 4, 1)).Build(), Context).InNumerator);

    [Theory]
    [InlineData(2023, 1, 1, true)]
    [InlineData(2022, 12, 31, false)]
    public void Evaluate_StoolDnaFit_CountsInPeriodOrTwoYearsBefore(int y, int m, int d, bool counted) =>
        Assert.Equal(counted, Measure.Evaluate(Eligible().Observation(StoolDna, new DateOnly(y, m, d), value: new Coding(Coding.Snomed, "260385009"))
            .Build(), Context).InNumerator);

    [Fact]
    public void Evaluate_CtColonography_InNumeratorAndReportedSeparately()
    {
        var result = Measure.Evaluate(Eligible().Observation(CtColonography, new DateOnly(2022, 5, 1), category: "imaging").Build(), Context);

        Assert.True(result.InNumerator);
        Assert.True(result.MetByReportedMethod);
        Assert.Equal(ColorectalCancerScreening.CtColonographyMethod, result.Method);
        Assert.Equal(ColorectalCancerScreening.CtColonographyMethod, Measure.ReportedMethod);
    }

    [Fact]
    public void Evaluate_ColonoscopyAndOlderFit_MethodIsTheLongestLasting()
    {
        var result = Measure.Evaluate(Eligible().Procedure(Colonoscopy, new DateOnly(2020, 3, 1))
            .Observation(Fit, new DateOnly(2025, 3, 1), value: new Coding(Coding.Snomed, "260385009")).Build(), Context);

        Assert.Equal("colonoscopy", result.Method);
        Assert.Equal(new DateOnly(2030, 3, 1), result.DueDate);
        Assert.False(result.MetByReportedMethod);
    }

    [Fact]
    public void Evaluate_ColorectalCancerDiagnosis_IsExcluded() =>
        Assert.True(Measure.Evaluate(Eligible().Condition(ColonCancer, new DateOnly(2019, 1, 1), "resolved", new DateOnly(2020, 1, 1)).Build(),
            Context).IsExcluded);

    [Fact]
    public void Evaluate_TotalColectomy_IsExcluded() =>
        Assert.True(Measure.Evaluate(Eligible().Procedure(Colectomy, new DateOnly(2018, 1, 1)).Build(), Context).IsExcluded);

    [Fact]
    public void Evaluate_ColectomyNotCompleted_IsNotExcluded() =>
        Assert.False(Measure.Evaluate(Eligible().Procedure(Colectomy, new DateOnly(2018, 1, 1), "not-done").Build(), Context).IsExcluded);

    [Fact]
    public void Evaluate_HospiceProcedureOutsidePeriod_IsNotExcluded() =>
        Assert.False(Measure.Evaluate(Eligible().Add(EventKind.Encounter, HospiceEncounter, new DateOnly(2024, 1, 1), "finished",
            end: new DateOnly(2024, 3, 1)).Build(), Context).IsExcluded);

    [Fact]
    public void Evaluate_Unscreened_OpenGap() =>
        Assert.Equal(GapStatus.Open, Measure.Evaluate(Eligible().Build(), Context).Gap);
}
