using RadEquity.Engine.Evaluation;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Strata;
using RadEquity.Engine.Tests.Measures;
using static RadEquity.Engine.Tests.Measures.TestCodes;

namespace RadEquity.Engine.Tests.Evaluation;

public class EvaluatorTests
{
    private static readonly MeasurementPeriod Year = MeasurementPeriod.ForYear(2025);
    private static readonly MeasureContext Context = new(Year, Terms);

    private static readonly Stratifier BySex = new("sex", "Sex", false, ["Female", "Male", Stratifier.Unknown],
        (p, _, _) => p.Sex switch { AdministrativeSex.Female => "Female", AdministrativeSex.Male => "Male", _ => Stratifier.Unknown });

    private static readonly Stratifier ByPayer = new("payer", "Payer", false, ["Private", "Uninsured", Stratifier.Unknown],
        (_, c, _) => c.Count == 0 ? Stratifier.Unknown : c[0].Category == PayerCategory.Private ? "Private" : "Uninsured");

    private static readonly Stratifier ByDecade = new("decade", "Birth decade", false, [Stratifier.Unknown],
        (p, _, _) => p.BirthDate is { } b ? (b.Year / 10 * 10).ToString(System.Globalization.CultureInfo.InvariantCulture) + "s" : Stratifier.Unknown);

    private static Evaluator NewEvaluator() =>
        new(MeasureSet.Standard(Terms), [BySex, ByPayer, ByDecade], Context, new StratificationContext(Year.End, AreaLookup.Empty));

    /// <summary>A random population covering every measure's paths: visits, screenings in and out of windows,
    /// exclusions, smoking histories, BI-RADS and Lung-RADS results with and without follow-up.</summary>
    internal static List<PatientRecord> RandomPatients(int count, int seed)
    {
        var random = new Random(seed);
        var patients = new List<PatientRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var birth = new DateOnly(1940 + random.Next(50), 1 + random.Next(12), 1 + random.Next(28));
            var id = "p" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            var p = random.Next(2) == 0 ? TestPatient.Woman(birth, id) : TestPatient.Man(birth, id);
            DateOnly Day(int fromYear) => new DateOnly(fromYear + random.Next(2026 - fromYear), 1 + random.Next(12), 1 + random.Next(28));
            if (random.Next(10) < 8)
            {
                p.Visit(Day(2025));
            }

            if (random.Next(3) > 0)
            {
                p.Coverage(random.Next(3) == 0 ? PayerCategory.Uninsured : PayerCategory.Private);
            }

            if (random.Next(2) == 0)
            {
                p.Procedure(Mammogram, Day(2022));
            }

            switch (random.Next(5))
            {
                case 0:
                    p.Procedure(Colonoscopy, Day(2014));
                    break;
                case 1:
                    p.Observation(Fit, Day(2024), value: new Coding(Coding.Snomed, "260385009"));
                    break;
                case 2:
                    p.Observation(CtColonography, Day(2020), category: "imaging");
                    break;
                default:
                    break;
            }

            if (random.Next(30) == 0)
            {
                p.Procedure(BilateralMastectomy, Day(2000));
            }

            if (random.Next(40) == 0)
            {
                p.Condition(PalliativeDiagnosis, Day(2024));
            }

            if (random.Next(4) == 0)
            {
                p.Observation(SmokingStatus, Day(2024), value: random.Next(2) == 0 ? CurrentSmoker : FormerSmoker)
                    .Observation(PackYears, Day(2024), quantity: random.Next(10, 40))
                    .Observation(QuitDate, Day(2005));
                if (random.Next(3) == 0)
                {
                    p.Procedure(LowDoseCt, Day(2024));
                }
            }

            if (random.Next(6) == 0)
            {
                var index = Day(2024);
                p.Observation(BiRads, index, value: BiRadsValue(random.Next(6)), category: "imaging");
                if (random.Next(2) == 0)
                {
                    p.Observation(BiRads, index.AddDays(random.Next(200)), value: BiRadsValue(1 + random.Next(2)));
                }
            }

            if (random.Next(10) == 0)
            {
                var index = Day(2024);
                p.Observation(LungRads, index, value: LungRadsValue(random.Next(3) switch { 0 => "3", 1 => "4A", _ => "4B" }));
                if (random.Next(2) == 0)
                {
                    p.Procedure(ChestCt, index.AddDays(random.Next(250)));
                }
            }

            patients.Add(p.Build());
        }

        return patients;
    }

    [Fact]
    public void Count_AnyPartitioning_MergesToTheSameCounts()
    {
        var patients = RandomPatients(3000, seed: 7);
        var evaluator = NewEvaluator();
        var whole = evaluator.Count(patients);
        Assert.True(whole.Overall("cms125").Numerator > 0);
        Assert.True(whole.Overall("bi-rads-resolution-60").Resolved > 0);

        var random = new Random(11);
        for (var trial = 0; trial < 20; trial++)
        {
            // Random cut points, and a random shuffle of patients into the parts.
            var parts = 1 + random.Next(12);
            var shuffled = patients.OrderBy(_ => random.Next()).ToList();
            var assignment = shuffled.GroupBy(_ => random.Next(parts)).Select(g => evaluator.Count(g)).ToList();

            var merged = EvaluationCounts.Merge(assignment);

            Assert.True(merged.HasSameCounts(whole), $"trial {trial}: {parts} parts differ from one pass");
        }
    }

    [Fact]
    public void Run_Parallel_EqualsSinglePassAndKeepsResultsInInputOrder()
    {
        var patients = RandomPatients(5000, seed: 3);
        var evaluator = NewEvaluator();

        var run = evaluator.Run(patients, keepResults: true);

        Assert.True(run.Counts.HasSameCounts(evaluator.Count(patients)));
        var order = run.Results.Select(r => r.PatientId).Distinct().ToList();
        Assert.Equal(order.Order(StringComparer.Ordinal), order);
        Assert.Equal(run.Counts.Overall("cms130").InitialPopulation, run.Results.Count(r => r.MeasureId == "cms130"));
    }

    [Fact]
    public void Run_NoPatients_EmptyCounts()
    {
        var run = NewEvaluator().Run([], keepResults: true);

        Assert.Equal(0, run.Counts.Patients);
        Assert.Empty(run.Counts.Cells);
        Assert.Empty(run.Results);
    }

    [Fact]
    public void Run_StratumCountsSumToOverall()
    {
        var counts = NewEvaluator().Run(RandomPatients(2000, seed: 5)).Counts;

        foreach (var measure in MeasureSet.Standard(Terms))
        {
            var overall = counts.Overall(measure.Id);
            var bySex = counts.Strata(measure.Id, BySex);
            Assert.Equal(overall.Denominator, bySex.Sum(s => s.Counts.Denominator));
            Assert.Equal(overall.Numerator, bySex.Sum(s => s.Counts.Numerator));
        }
    }

    [Fact]
    public void ResolutionQuantile_KnownDays_NearestRank()
    {
        var counts = new StratumCounts();
        foreach (var days in new[] { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 })
        {
            counts.Add(new MeasureResult(true, true, false, true, GapStatus.Closed, null, null, days));
        }

        Assert.Equal(50, counts.ResolutionQuantile(0.5));
        Assert.Equal(90, counts.ResolutionQuantile(0.9));
        Assert.Null(new StratumCounts().ResolutionQuantile(0.5));
    }
}
