using RadEquity.Engine.Facts;
using RadEquity.Engine.Measures;
using static RadEquity.Engine.Tests.Measures.TestCodes;

namespace RadEquity.Engine.Tests.Measures;

public class BreastCancerScreeningTests
{
    private static readonly MeasurementPeriod Year = MeasurementPeriod.ForYear(2025);
    private static readonly BreastCancerScreening Measure = new(Terms);
    private static readonly MeasureContext Context = new(Year, Terms);
    private static readonly DateOnly Visit = new(2025, 3, 10);

    private static TestPatient Eligible() => TestPatient.Woman(new DateOnly(1970, 6, 1)).Visit(Visit);

    [Fact]
    public void Evaluate_MammogramInPeriod_InNumerator()
    {
        var result = Measure.Evaluate(Eligible().Procedure(Mammogram, new DateOnly(2025, 5, 1)).Build(), Context);

        Assert.Equal((true, true, false, true), (result.InInitialPopulation, result.InDenominator, result.IsExcluded, result.InNumerator));
        Assert.Equal("mammography", result.Method);
    }

    [Theory]
    [InlineData(2023, 10, 1, true)]
    [InlineData(2023, 9, 30, false)]
    [InlineData(2025, 12, 31, true)]
    public void Evaluate_MammogramAtLookBackBoundary_CountsFromOctoberFirstTwoYearsPrior(int y, int m, int d, bool counted)
    {
        var result = Measure.Evaluate(Eligible().Procedure(Mammogram, new DateOnly(y, m, d)).Build(), Context);

        Assert.Equal(counted, result.InNumerator);
    }

    [Theory]
    [InlineData(1983, 12, 31, true)]   // 42 on the last day of the period
    [InlineData(1984, 1, 1, false)]    // 41
    [InlineData(1951, 1, 1, true)]     // 74
    [InlineData(1950, 12, 31, false)]  // 75
    public void Evaluate_AgeAtEndOfPeriod_DecidesInitialPopulation(int y, int m, int d, bool inPopulation)
    {
        var result = Measure.Evaluate(TestPatient.Woman(new DateOnly(y, m, d)).Visit(Visit).Build(), Context);

        Assert.Equal(inPopulation, result.InInitialPopulation);
    }

    [Fact]
    public void Evaluate_Man_NotInInitialPopulation() =>
        Assert.False(Measure.Evaluate(TestPatient.Man(new DateOnly(1970, 1, 1)).Visit(Visit).Build(), Context).InInitialPopulation);

    [Theory]
    [InlineData("finished", 2025, true)]
    [InlineData("cancelled", 2025, false)]
    [InlineData("finished", 2024, false)]
    public void Evaluate_QualifyingVisit_MustBeFinishedAndInPeriod(string status, int year, bool inPopulation)
    {
        var patient = TestPatient.Woman(new DateOnly(1970, 6, 1)).Visit(new DateOnly(year, 6, 1), status).Build();

        Assert.Equal(inPopulation, Measure.Evaluate(patient, Context).InInitialPopulation);
    }

    [Fact]
    public void Evaluate_BilateralMastectomyBeforePeriod_IsExcluded()
    {
        var result = Measure.Evaluate(Eligible().Procedure(BilateralMastectomy, new DateOnly(2010, 1, 1)).Build(), Context);

        Assert.True(result.IsExcluded);
        Assert.False(result.InNumerator);
        Assert.Equal(GapStatus.None, result.Gap);
    }

    [Fact]
    public void Evaluate_BilateralMastectomyAfterPeriod_IsNotExcluded() =>
        Assert.False(Measure.Evaluate(Eligible().Procedure(BilateralMastectomy, new DateOnly(2026, 1, 2)).Build(), Context).IsExcluded);

    [Fact]
    public void Evaluate_LeftAndRightUnilateralMastectomy_IsExcluded()
    {
        var patient = Eligible().Procedure(LeftMastectomy, new DateOnly(2015, 1, 1)).Procedure(RightMastectomy, new DateOnly(2019, 1, 1));

        Assert.True(Measure.Evaluate(patient.Build(), Context).IsExcluded);
    }

    [Fact]
    public void Evaluate_LeftMastectomyOnly_IsNotExcluded() =>
        Assert.False(Measure.Evaluate(Eligible().Procedure(LeftMastectomy, new DateOnly(2015, 1, 1)).Build(), Context).IsExcluded);

    [Fact]
    public void Evaluate_UnspecifiedMastectomyWithRightBodySitePlusLeftDiagnosis_IsExcluded()
    {
        var patient = Eligible()
            .Condition(UnspecifiedMastectomy, new DateOnly(2012, 1, 1), bodySite: new Coding(Coding.Snomed, "24028007"))
            .Condition(StatusPostLeft, new DateOnly(2014, 1, 1));

        Assert.True(Measure.Evaluate(patient.Build(), Context).IsExcluded);
    }

    [Fact]
    public void Evaluate_UnspecifiedMastectomyWithoutBodySitePlusLeft_IsNotExcluded()
    {
        var patient = Eligible().Condition(UnspecifiedMastectomy, new DateOnly(2012, 1, 1)).Condition(StatusPostLeft, new DateOnly(2014, 1, 1));

        Assert.False(Measure.Evaluate(patient.Build(), Context).IsExcluded);
    }

    [Fact]
    public void Evaluate_RefutedMastectomyHistory_IsNotExcluded()
    {
        var patient = Eligible().Condition(UnspecifiedMastectomy, new DateOnly(2012, 1, 1), status: "refuted",
            bodySite: new Coding(Coding.Snomed, "24028007")).Condition(StatusPostLeft, new DateOnly(2014, 1, 1));

        Assert.False(Measure.Evaluate(patient.Build(), Context).IsExcluded);
    }

    [Fact]
    public void Evaluate_HospiceEncounterOverlappingPeriod_IsExcluded()
    {
        var patient = Eligible().Add(EventKind.Encounter, HospiceEncounter, new DateOnly(2024, 12, 1), "finished", end: new DateOnly(2025, 1, 5));

        Assert.True(Measure.Evaluate(patient.Build(), Context).IsExcluded);
    }

    [Fact]
    public void Evaluate_InpatientDischargeToHospiceInPeriod_IsExcluded()
    {
        var patient = Eligible().Add(EventKind.Encounter, InpatientEncounter, new DateOnly(2025, 4, 1), "finished",
            end: new DateOnly(2025, 4, 9), value: new Coding(Coding.Snomed, "428361000124107"));

        Assert.True(Measure.Evaluate(patient.Build(), Context).IsExcluded);
    }

    [Fact]
    public void Evaluate_InpatientDischargeHome_IsNotExcluded()
    {
        var patient = Eligible().Add(EventKind.Encounter, InpatientEncounter, new DateOnly(2025, 4, 1), "finished",
            end: new DateOnly(2025, 4, 9), value: new Coding(Coding.Snomed, "306689006"));

        Assert.False(Measure.Evaluate(patient.Build(), Context).IsExcluded);
    }

    [Fact]
    public void Evaluate_Age66FrailWithAdvancedIllness_IsExcluded()
    {
        var patient = TestPatient.Woman(new DateOnly(1958, 1, 1)).Visit(Visit)
            .Condition(FrailtyDiagnosis, new DateOnly(2025, 2, 1))
            .Condition(AdvancedIllness, new DateOnly(2024, 3, 1));

        Assert.True(Measure.Evaluate(patient.Build(), Context).IsExcluded);
    }

    [Fact]
    public void Evaluate_Age66FrailWithoutAdvancedIllness_IsNotExcluded()
    {
        var patient = TestPatient.Woman(new DateOnly(1958, 1, 1)).Visit(Visit).Condition(FrailtyDiagnosis, new DateOnly(2025, 2, 1));

        Assert.False(Measure.Evaluate(patient.Build(), Context).IsExcluded);
    }

    [Fact]
    public void Evaluate_Age65FrailWithAdvancedIllness_IsNotExcluded()
    {
        var patient = TestPatient.Woman(new DateOnly(1960, 1, 1)).Visit(Visit)
            .Condition(FrailtyDiagnosis, new DateOnly(2025, 2, 1)).Condition(AdvancedIllness, new DateOnly(2024, 3, 1));

        Assert.False(Measure.Evaluate(patient.Build(), Context).IsExcluded);
    }

    [Fact]
    public void Evaluate_AdvancedIllnessStartingTwoYearsBefore_IsNotExcluded()
    {
        var patient = TestPatient.Woman(new DateOnly(1958, 1, 1)).Visit(Visit)
            .Condition(FrailtyDiagnosis, new DateOnly(2025, 2, 1)).Condition(AdvancedIllness, new DateOnly(2023, 12, 31));

        Assert.False(Measure.Evaluate(patient.Build(), Context).IsExcluded);
    }

    [Fact]
    public void Evaluate_LastHousingStatusNursingHome_IsExcluded()
    {
        var nursingHome = new Coding(Coding.Snomed, "160734000");
        var housing = new Coding(Coding.Loinc, "71802-3");
        var patient = TestPatient.Woman(new DateOnly(1955, 1, 1)).Visit(Visit)
            .Observation(housing, new DateOnly(2024, 1, 1), value: new Coding(Coding.Snomed, "32911000"))
            .Observation(housing, new DateOnly(2025, 6, 1), value: nursingHome);

        Assert.True(Measure.Evaluate(patient.Build(), Context).IsExcluded);
    }

    [Fact]
    public void Evaluate_NursingHomeFollowedByHomeHousingStatus_IsNotExcluded()
    {
        var housing = new Coding(Coding.Loinc, "71802-3");
        var patient = TestPatient.Woman(new DateOnly(1955, 1, 1)).Visit(Visit)
            .Observation(housing, new DateOnly(2024, 1, 1), value: new Coding(Coding.Snomed, "160734000"))
            .Observation(housing, new DateOnly(2025, 6, 1), value: new Coding(Coding.Snomed, "32911000"));

        Assert.False(Measure.Evaluate(patient.Build(), Context).IsExcluded);
    }

    [Fact]
    public void Evaluate_PalliativeDiagnosisResolvedBeforePeriod_IsNotExcluded()
    {
        var patient = Eligible().Condition(PalliativeDiagnosis, new DateOnly(2023, 1, 1), "resolved", new DateOnly(2024, 6, 1));

        Assert.False(Measure.Evaluate(patient.Build(), Context).IsExcluded);
    }

    [Fact]
    public void Evaluate_ActivePalliativeDiagnosisSinceBeforePeriod_IsExcluded()
    {
        var patient = Eligible().Condition(PalliativeDiagnosis, new DateOnly(2023, 1, 1));

        Assert.True(Measure.Evaluate(patient.Build(), Context).IsExcluded);
    }

    [Fact]
    public void Evaluate_ImagingObservationWithQiCoreStudiesOnly_InNumerator()
    {
        var patient = Eligible().Observation(Mammogram, new DateOnly(2025, 5, 1), category: "imaging").Build();
        var strict = new MeasureContext(Year, Terms, options: new MeasureOptions { QiCoreStudiesOnly = true });

        Assert.True(Measure.Evaluate(patient, strict).InNumerator);
    }

    [Fact]
    public void Evaluate_ObservationWithoutImagingCategory_NotInNumerator()
    {
        var patient = Eligible().Observation(Mammogram, new DateOnly(2025, 5, 1), category: "laboratory").Build();

        Assert.False(Measure.Evaluate(patient, Context).InNumerator);
    }

    [Fact]
    public void Evaluate_ProcedureWithQiCoreStudiesOnly_NotInNumerator()
    {
        var patient = Eligible().Procedure(Mammogram, new DateOnly(2025, 5, 1)).Build();
        var strict = new MeasureContext(Year, Terms, options: new MeasureOptions { QiCoreStudiesOnly = true });

        Assert.False(Measure.Evaluate(patient, strict).InNumerator);
        Assert.True(Measure.Evaluate(patient, Context).InNumerator);
    }

    [Fact]
    public void Evaluate_PreliminaryImagingObservation_NotInNumerator() =>
        Assert.False(Measure.Evaluate(Eligible().Observation(Mammogram, new DateOnly(2025, 5, 1), status: "preliminary",
            category: "imaging").Build(), Context).InNumerator);

    [Fact]
    public void Evaluate_NeverScreened_OpenGapDueSincePeriodStart()
    {
        var result = Measure.Evaluate(Eligible().Build(), Context);

        Assert.Equal(GapStatus.Open, result.Gap);
        Assert.Equal(Year.Start, result.DueDate);
    }

    [Fact]
    public void Evaluate_ScreenedTwoYearsBeforeAsOf_ProspectiveGapDueWithinHorizon()
    {
        var result = Measure.Evaluate(Eligible().Procedure(Mammogram, new DateOnly(2024, 1, 15)).Build(), Context);

        Assert.True(result.InNumerator);
        Assert.Equal(GapStatus.Prospective, result.Gap);
        Assert.Equal(new DateOnly(2026, 1, 15), result.DueDate);
    }

    [Fact]
    public void Evaluate_ScreenedThisYear_ClosedGap() =>
        Assert.Equal(GapStatus.Closed, Measure.Evaluate(Eligible().Procedure(Mammogram, new DateOnly(2025, 5, 1)).Build(), Context).Gap);

    [Fact]
    public void Evaluate_MammogramAfterAsOfDate_IsIgnored()
    {
        var asOf = new MeasureContext(Year, Terms, new DateOnly(2025, 4, 1));

        Assert.False(Measure.Evaluate(Eligible().Procedure(Mammogram, new DateOnly(2025, 5, 1)).Build(), asOf).InNumerator);
    }

    [Fact]
    public void Explain_Screened_NamesTheMammogramAndVisit()
    {
        var outcome = Measure.Explain(Eligible().Procedure(Mammogram, new DateOnly(2025, 5, 1)).Build(), Context);

        Assert.Contains(outcome.Evidence, e => e.Role == EvidenceRole.Satisfied && e.Resource == "Procedure/e2" && e.Criterion.StartsWith("Numerator", StringComparison.Ordinal));
        Assert.Contains(outcome.Evidence, e => e.Role == EvidenceRole.Satisfied && e.Resource == "Encounter/e1");
        Assert.Equal(GapStatus.Closed, outcome.Gap?.Status);
    }

    [Fact]
    public void Explain_CancelledMammogram_SaysWhyItDidNotCount()
    {
        var outcome = Measure.Explain(Eligible().Procedure(Mammogram, new DateOnly(2025, 5, 1), "not-done").Build(), Context);

        var failed = Assert.Single(outcome.Evidence, e => e.Role == EvidenceRole.NotSatisfied && e.Resource == "Procedure/e2");
        Assert.Contains("not completed", failed.Detail, StringComparison.Ordinal);
        Assert.Equal(GapStatus.Open, outcome.Gap?.Status);
    }

    [Fact]
    public void LookBackStart_Period2026_IsOctoberFirst2024() =>
        Assert.Equal(new DateOnly(2024, 10, 1), BreastCancerScreening.LookBackStart(MeasurementPeriod.ForYear(2026)));
}
