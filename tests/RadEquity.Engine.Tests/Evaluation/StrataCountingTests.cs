using RadEquity.Engine.Evaluation;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Strata;
using RadEquity.Engine.Tests.Strata;
using static RadEquity.Engine.Tests.Measures.TestCodes;

namespace RadEquity.Engine.Tests.Evaluation;

/// <summary>
/// The evaluator categorises by position (standard stratifiers from what it reads once per patient, crosses from their
/// parts); these tests hold it to the plain definition: every result counted under the name each stratifier's
/// <see cref="Stratifier.Categorize"/> gives.
/// </summary>
public sealed class StrataCountingTests
{
    private static readonly MeasureContext Context = new(MeasurementPeriod.ForYear(2025), Terms);

    private static readonly Stratifier ByDecade = new("decade", "Birth decade", false, [Stratifier.Unknown],
        (p, _, _) => p.BirthDate is { } b ? (b.Year / 10 * 10).ToString(System.Globalization.CultureInfo.InvariantCulture) + "s" : Stratifier.Unknown);

    /// <summary>The evaluator's test population, with the varied demographics of the stratifier tests and two sources.</summary>
    private static List<PatientRecord> Population(int count, int seed)
    {
        var records = EvaluatorTests.RandomPatients(count, seed);
        var demographics = PatientStrataTests.VariedPatients(count, seed).ToList();
        return records.Select((r, i) => new PatientRecord(i % 7 == 0 ? "clinic" : "hospital",
                demographics[i].Patient with { PatientId = r.PatientId, BirthDate = i % 50 == 0 ? null : r.Patient.BirthDate },
                [.. r.Coverages, .. demographics[i].Coverages], r.Events))
            .ToList();
    }

    /// <summary>Counts by the definition: each measure's result under the overall row and each stratifier's category.</summary>
    private static EvaluationCounts Expected(List<PatientRecord> patients, Stratifier[] stratifiers)
    {
        var cells = new Dictionary<StratumKey, StratumCounts>();
        var tally = new CompletenessTally(Patients.Context);
        foreach (var p in patients)
        {
            tally.Add(p.Source, p.Patient, p.Coverages);
            foreach (var measure in MeasureSet.Standard(Terms))
            {
                var result = measure.Evaluate(p, Context);
                if (!result.InInitialPopulation)
                {
                    continue;
                }

                Cell(new StratumKey(measure.Id, StratumKey.Overall, StratumKey.Overall)).Add(result);
                foreach (var s in stratifiers)
                {
                    Cell(new StratumKey(measure.Id, s.Id, s.Categorize(p.Patient, p.Coverages, Patients.Context))).Add(result);
                }
            }
        }

        return EvaluationCounts.FromCells(cells, patients.Count, tally.ToReport());

        StratumCounts Cell(StratumKey key) => cells.TryGetValue(key, out var c) ? c : cells[key] = new StratumCounts();
    }

    [Fact]
    public void Run_StandardCustomAndCrossedStratifiers_CountsEachResultUnderItsCategory()
    {
        var patients = Population(4000, seed: 21);
        // Crosses with a part outside the known categories on either side, and one whose parts are not counted by.
        Stratifier[] stratifiers =
        [
            .. Stratifiers.Standard, ByDecade, Stratifier.Cross(Stratifiers.Language, ByDecade),
            Stratifier.Cross(Stratifier.Cross(Stratifiers.Payer, Stratifiers.Sex), Stratifiers.Deprivation),
        ];
        var evaluator = new Evaluator(MeasureSet.Standard(Terms), stratifiers, Context, Patients.Context);

        var run = evaluator.Run(patients).Counts;

        var expected = Expected(patients, stratifiers);
        Assert.True(run.HasSameCounts(expected));
        Assert.True(expected.Cells.Keys.ToHashSet().SetEquals(run.Cells.Keys));
        Assert.Equal(expected.Completeness.BySource, run.Completeness.BySource);
        Assert.Contains(run.Cells.Keys, k => k.StratifierId == "language" && Stratifiers.Language.IndexOf(k.Category) < 0);
        Assert.Contains(run.Cells.Keys, k => k.StratifierId == "language-x-rurality" && k.Category.StartsWith("cantonese", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Run_CategoriesBeyondTheKnown_ListedInTheSameOrderWhateverThePartitioning()
    {
        var patients = Population(3000, seed: 4);
        var evaluator = new Evaluator(MeasureSet.Standard(Terms), [Stratifiers.Language, ByDecade], Context, Patients.Context);

        var run = evaluator.Run(patients).Counts.Cells.Keys.ToList();
        var reversed = evaluator.Run(patients.AsEnumerable().Reverse().ToList()).Counts.Cells.Keys.ToList();
        var single = evaluator.Count(patients).Cells.Keys.ToList();

        Assert.Equal(run, reversed);
        Assert.Equal(run, single);
    }
}
