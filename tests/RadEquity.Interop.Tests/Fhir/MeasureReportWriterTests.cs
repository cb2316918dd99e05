using System.Text.Json;
using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;
using RadEquity.Engine.Disclosure;
using RadEquity.Engine.Evaluation;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Strata;
using RadEquity.Interop.Fhir;

namespace RadEquity.Interop.Tests.Fhir;

public sealed class MeasureReportWriterTests(HandBuiltCounts hand, GeneratedCounts generated)
    : IClassFixture<HandBuiltCounts>, IClassFixture<GeneratedCounts>
{
    private const string Medicaid = "Medicaid";
    private const string Private = "Private";
    private const string SelfPay = "Uninsured/self-pay";
    private const string Masked = "masked";

    // R4 invariants of MeasureReport, Extension and Quantity, evaluated by Firely's FhirPath engine: the SDK's POCO
    // validation checks cardinality, choice types, primitive formats and empty elements (ele-1), not FhirPath
    // invariants, and the StructureDefinition-based validator (Firely.Fhir.Validation) is not available here.
    private static readonly (string Key, string Expression)[] Invariants =
    [
        ("mrp-1", "(type != 'data-collection') or group.exists().not()"),
        ("mrp-2", "group.stratifier.stratum.all(value.exists() xor component.exists())"),
        ("ext-1", "descendants().ofType(Extension).all(extension.exists() != value.exists())"),
        ("qty-3", "descendants().ofType(Quantity).all(code.empty() or system.exists())"),
    ];

    private static readonly FhirJsonDeserializer Strict = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    [Fact]
    public void Create_HandBuiltBreastScreening_ReportsExactCountsAndScores()
    {
        var report = MeasureReportWriter.Create(hand.Breast, hand.Counts, HandBuiltCounts.Strata, HandBuiltCounts.Period,
            HandBuiltCounts.Generated, "Lakeside Radiology");

        Assert.Equal(MeasureReport.MeasureReportStatus.Complete, report.Status);
        Assert.Equal(MeasureReport.MeasureReportType.Summary, report.Type);
        Assert.Equal("https://madie.cms.gov/Measure/CMS125FHIRBreastCancerScreening|0.4.000", report.Measure);
        Assert.Equal(("2025-01-01", "2025-12-31"), (report.Period.Start, report.Period.End));
        Assert.Equal("2026-01-05T09:00:00+00:00", report.Date);
        Assert.Equal("Lakeside Radiology", report.Reporter!.Display);
        Assert.Equal(("increase", "Increased score indicates improvement"),
            (report.ImprovementNotation!.Coding.Single().Code, report.ImprovementNotation.Coding.Single().Display));
        var group = Assert.Single(report.Group);
        Assert.Equal("Group_1", group.ElementId);
        Assert.Equal(
            [("initial-population", 67), ("denominator", 67), ("denominator-exclusion", 3), ("numerator", 33)],
            group.Population.Select(p => (CodeOf(p), p.Count!.Value)));
        Assert.All(group.Population, p => Assert.Equal(MeasureReportWriter.MeasurePopulationSystem, p.Code!.Coding.Single().System));
        Assert.Equal("Denominator Exclusion", group.Population[2].Code!.Coding.Single().Display);
        Assert.Equal(0.5156m, group.MeasureScore!.Value);
        Assert.Empty(group.Extension);

        var payer = group.Stratifier[0];
        Assert.Equal("payer", payer.Code.Single().Text);
        Assert.Equal((MeasureReportWriter.StratifierSystem, "payer", "Payer"),
            (payer.Code.Single().Coding.Single().System, payer.Code.Single().Coding.Single().Code, payer.Code.Single().Coding.Single().Display));
        Assert.Equal(
            [(Medicaid, 30, 30, 3, 12, 0.4444m), (Private, 25, 25, 0, 20, 0.8m), (SelfPay, 12, 12, 0, 1, 0.0833m)],
            payer.Stratum.Select(s => (Text(s), Count(s, "initial-population"), Count(s, "denominator"),
                Count(s, "denominator-exclusion"), Count(s, "numerator"), s.MeasureScore!.Value!.Value)));
        Assert.Equal(["Female"], group.Stratifier[1].Stratum.Select(s => Text(s)));
        Assert.Equal("payer-x-sex", group.Stratifier[2].Code.Single().Text);
        Assert.Equal(["Medicaid × Female", "Private × Female", "Uninsured/self-pay × Female"],
            group.Stratifier[2].Stratum.Select(s => Text(s)));
    }

    [Fact]
    public void Create_Cms130_ReportsCtColonographyCountOnTheGroup()
    {
        var report = MeasureReportWriter.Create(hand.Colorectal, hand.Counts, HandBuiltCounts.Strata, HandBuiltCounts.Period,
            HandBuiltCounts.Generated);

        Assert.Equal("https://madie.cms.gov/Measure/CMS130FHIRColorectalCancerScreening|0.4.000", report.Measure);
        Assert.Null(report.Reporter);
        var group = report.Group.Single();
        Assert.Equal([87, 87, 0, 27], group.Population.Select(p => p.Count!.Value));
        Assert.Equal(0.3103m, group.MeasureScore!.Value);
        var extension = Assert.Single(group.Extension);
        Assert.Equal(MeasureReportWriter.ReportedMethodCountUrl, extension.Url);
        Assert.Equal(12, ((Integer)extension.Value!).Value);
        Assert.Equal([("Medicare", 15), (Medicaid, 0), (Private, 12), (SelfPay, 0)],
            group.Stratifier[0].Stratum.Select(s => (Text(s), Count(s, "numerator"))));
    }

    [Fact]
    public void Create_OwnMeasure_UsesRadEquityCanonicalAndNoOfficialGroupId()
    {
        var report = MeasureReportWriter.Create(hand.Uspstf, hand.Counts, [], HandBuiltCounts.Period, HandBuiltCounts.Generated);

        Assert.Equal("https://radequity.org/fhir/Measure/breast-uspstf-2024|2024", report.Measure);
        Assert.Null(report.Group.Single().ElementId);
        Assert.Empty(report.Group.Single().Stratifier);
        Assert.Equal(hand.Counts.Overall(hand.Uspstf.Id).InitialPopulation, report.Group.Single().Population[0].Count!.Value);
        Assert.True(report.Group.Single().Population[0].Count > 0);
    }

    [Fact]
    public void Create_NobodyEligible_OmitsMeasureScore()
    {
        var cells = new Dictionary<StratumKey, StratumCounts>
        {
            [new("cms125", StratumKey.Overall, StratumKey.Overall)] = StratumCounts.FromValues(4, 4, 4, 0, 0, 0, 0, null),
            [new("cms125", "sex", "Female")] = StratumCounts.FromValues(4, 4, 4, 0, 0, 0, 0, null),
        };
        var counts = EvaluationCounts.FromCells(cells, patients: 4);

        var report = MeasureReportWriter.Create(hand.Breast, counts, [Stratifiers.Sex], HandBuiltCounts.Period, HandBuiltCounts.Generated);

        Assert.Null(report.Group.Single().MeasureScore);
        Assert.Null(report.Group.Single().Stratifier.Single().Stratum.Single().MeasureScore);
        Assert.Empty(Problems(Strict.Deserialize<MeasureReport>(MeasureReportWriter.ToJson(report))));
    }

    [Fact]
    public void ToJson_HandBuiltReports_ParseStrictlyPassFirelyValidationAndRoundTrip()
    {
        foreach (var measure in new[] { hand.Breast, hand.Colorectal })
        {
            var json = MeasureReportWriter.ToJson(MeasureReportWriter.Create(measure, hand.Counts, HandBuiltCounts.Strata,
                HandBuiltCounts.Period, HandBuiltCounts.Generated, "Lakeside Radiology"));

            var parsed = Strict.Deserialize<MeasureReport>(json);

            Assert.Empty(Problems(parsed));
            Assert.Equal(json, MeasureReportWriter.ToJson(parsed));
            Assert.Contains("\n  \"resourceType\": \"MeasureReport\",", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validation_BrokenReport_FindsEveryProblem()
    {
        var report = MeasureReportWriter.Create(hand.Breast, hand.Counts, HandBuiltCounts.Strata, HandBuiltCounts.Period,
            HandBuiltCounts.Generated);
        report.Status = null;
        report.Group[0].Population[0].CountElement = new Integer();
        report.Group[0].Stratifier[0].Stratum[1].MeasureScore = new Quantity();
        report.Group[0].Stratifier[0].Stratum[2].MeasureScore = new Quantity { Value = 0.1m, Code = "%" };
        report.Group[0].Extension.Add(new Extension("https://example.org/both", new Integer(1))
        {
            Extension = [new Extension("https://example.org/nested", new Integer(2))],
        });
        report.Group[0].Stratifier[0].Stratum[0].Component.Add(new MeasureReport.ComponentComponent
        {
            Code = new CodeableConcept { Text = "payer" },
            Value = new CodeableConcept { Text = Medicaid },
        });

        var problems = Problems(report);

        Assert.Contains(problems, p => p.Contains("MeasureReport.status", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("population[0].count", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Empty FHIR elements are invalid", StringComparison.Ordinal)
            && p.Contains("stratum[1].measureScore", StringComparison.Ordinal));
        Assert.Contains("mrp-2", problems);
        Assert.Contains("ext-1", problems);
        Assert.Contains("qty-3", problems);
    }

    [Fact]
    public void Create_GeneratedPopulation_StrataAreConsistentWithTheOverallCounts()
    {
        foreach (var measure in generated.Measures)
        {
            var report = Strict.Deserialize<MeasureReport>(MeasureReportWriter.ToJson(MeasureReportWriter.Create(measure,
                generated.Counts, Stratifiers.Standard, GeneratedCounts.Period, HandBuiltCounts.Generated)));
            Assert.Empty(Problems(report));
            var group = report.Group.Single();
            var overall = generated.Counts.Overall(measure.Id);
            Assert.Equal([overall.InitialPopulation, overall.Denominator, overall.Exclusions, overall.Numerator],
                group.Population.Select(p => (long)p.Count!.Value));
            Assert.Equal(Stratifiers.Standard.Select(s => s.Id), group.Stratifier.Select(s => s.Code.Single().Text));
            foreach (var stratifier in group.Stratifier)
            {
                foreach (var code in new[] { "initial-population", "denominator", "denominator-exclusion", "numerator" })
                {
                    // Every standard stratifier is complete: each patient falls in exactly one category.
                    Assert.Equal(Count(group, code), stratifier.Stratum.Sum(s => Count(s, code)));
                }

                Assert.All(stratifier.Stratum, s =>
                {
                    Assert.InRange(Count(s, "numerator"), 0, Count(s, "denominator") - Count(s, "denominator-exclusion"));
                    Assert.InRange(Count(s, "denominator"), 0, Count(s, "initial-population"));
                });
            }
        }

        Assert.True(generated.Counts.Overall("cms125").Numerator > 10, "too few screened to test anything");
    }

    [Fact]
    public void ToRelease_HandBuiltCounts_TablesPerStratifierWithEligibleDenominators()
    {
        var release = MeasureReportWriter.ToRelease(hand.Breast, hand.Counts, HandBuiltCounts.Strata);

        Assert.Equal("cms125", release.Measure);
        Assert.Equal(["payer", "sex", "payer|sex"], release.Tables.Select(t => string.Join('|', t.Stratifiers)));
        Assert.Equal(
            [(Medicaid, new CellCounts(27, 12)), (Private, new CellCounts(25, 20)), (SelfPay, new CellCounts(12, 1))],
            release.Tables[0].Cells.Select(c => (string.Join('|', c.Categories), c.Counts)));
        Assert.Equal(
            [(Medicaid + "|Female", new CellCounts(27, 12)), (Private + "|Female", new CellCounts(25, 20)),
                (SelfPay + "|Female", new CellCounts(12, 1))],
            release.Tables[2].Cells.Select(c => (string.Join('|', c.Categories), c.Counts)));
        Assert.All(release.Tables.SelectMany(t => t.Cells), c => Assert.Equal(0, c.Counts.Exclusions));
    }

    [Fact]
    public void ToRelease_CrossUnknownOnBothParts_SplitsIntoTwoUnknowns()
    {
        var cells = new Dictionary<StratumKey, StratumCounts>
        {
            [new("cms125", StratumKey.Overall, StratumKey.Overall)] = StratumCounts.FromValues(55, 55, 0, 27, 0, 0, 0, null),
            [new("cms125", "payer-x-sex", "Unknown")] = StratumCounts.FromValues(25, 25, 0, 12, 0, 0, 0, null),
            [new("cms125", "payer-x-sex", "Unknown × Female")] = StratumCounts.FromValues(30, 30, 0, 15, 0, 0, 0, null),
        };

        var release = MeasureReportWriter.ToRelease(hand.Breast, EvaluationCounts.FromCells(cells, 55), [HandBuiltCounts.PayerBySex]);

        Assert.Equal(["Unknown|Female", "Unknown|Unknown"], release.Tables.Single().Cells.Select(c => string.Join('|', c.Categories)));
        var report = MeasureReportWriter.CreateDeidentified(hand.Breast, SmallCellGate.Disclose(release), HandBuiltCounts.Period,
            HandBuiltCounts.Generated);
        var group = report.Group.Single();
        Assert.Equal(["payer-x-sex", "payer", "sex"], group.Stratifier.Select(s => s.Code.Single().Text));
        Assert.Equal([("Unknown × Female", 30), ("Unknown", 25)],
            group.Stratifier[0].Stratum.Select(s => (Text(s), Count(s, "denominator"))));
        Assert.Equal([("Female", 30), ("Unknown", 25)], group.Stratifier[2].Stratum.Select(s => (Text(s), Count(s, "denominator"))));
    }

    [Fact]
    public void ToRelease_StratifierNotEvaluated_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            MeasureReportWriter.ToRelease(hand.Breast, hand.Counts, [Stratifiers.Payer, Stratifiers.RaceEthnicity]));

        Assert.Contains("race-ethnicity", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MeasureReportWriter.ToRelease(hand.Breast, hand.Counts, []));
    }

    [Fact]
    public void CreateDeidentified_HandBuiltBreastScreening_PublishesLargeCellsAndMasksSmallOnes()
    {
        var disclosed = SmallCellGate.Disclose(MeasureReportWriter.ToRelease(hand.Breast, hand.Counts, HandBuiltCounts.Strata));

        var report = MeasureReportWriter.CreateDeidentified(hand.Breast, disclosed, HandBuiltCounts.Period, HandBuiltCounts.Generated,
            "Lakeside Radiology");

        var group = report.Group.Single();
        Assert.Equal([("denominator", 64), ("numerator", 33)], group.Population.Select(p => (CodeOf(p), p.Count!.Value)));
        Assert.Equal(0.5156m, group.MeasureScore!.Value);
        Assert.Equal(["payer", "sex", "payer-x-sex"], group.Stratifier.Select(s => s.Code.Single().Text));
        Assert.Equal("Payer × Sex", group.Stratifier[2].Code.Single().Coding.Single().Display);
        var payer = group.Stratifier[0].Stratum;
        Assert.Equal([Medicaid, Private, SelfPay], payer.Select(s => Text(s)));
        Assert.Equal((27, 12, 0.4444m), (Count(payer[0], "denominator"), Count(payer[0], "numerator"), payer[0].MeasureScore!.Value!.Value));
        Assert.All(payer.Skip(1), AssertMasked);
        var cross = group.Stratifier[2].Stratum;
        Assert.Equal(27, Count(cross.Single(s => Text(s) == "Medicaid × Female"), "denominator"));
        Assert.All(cross.Where(s => Text(s) != "Medicaid × Female"), AssertMasked);
        Assert.Empty(group.Extension);
        Assert.Empty(Problems(Strict.Deserialize<MeasureReport>(MeasureReportWriter.ToJson(report))));
    }

    [Fact]
    public void CreateDeidentified_Cms130_OmitsReportedMethodExclusionsAndInitialPopulation()
    {
        var disclosed = SmallCellGate.Disclose(MeasureReportWriter.ToRelease(hand.Colorectal, hand.Counts, HandBuiltCounts.Strata));

        var json = MeasureReportWriter.ToJson(MeasureReportWriter.CreateDeidentified(hand.Colorectal, disclosed, HandBuiltCounts.Period,
            HandBuiltCounts.Generated));

        Assert.DoesNotContain(MeasureReportWriter.ReportedMethodCountUrl, json, StringComparison.Ordinal);
        Assert.DoesNotContain("initial-population", json, StringComparison.Ordinal);
        Assert.DoesNotContain("denominator-exclusion", json, StringComparison.Ordinal);
        var group = Strict.Deserialize<MeasureReport>(json).Group.Single();

        // Medicare men (20 eligible, 15 screened) are small on the complement; whichever cells the gate masks beside
        // them, the report masks exactly those, and shows the others' true counts.
        Assert.True(disclosed.Tables[0].Cells[0].IsSuppressed);
        AssertShows(disclosed.Total, group.Population.Select(p => p.CountElement), group.MeasureScore);
        Assert.True(disclosed.Total.IsSuppressed || group.Population.Select(p => p.Count).SequenceEqual([87, 27]));
        var expected = new Dictionary<string, (int, int)>
        {
            ["Medicare"] = (20, 15),
            [Medicaid] = (30, 0),
            [Private] = (25, 12),
            [SelfPay] = (12, 0),
        };
        var payer = group.Stratifier[0].Stratum;
        Assert.Equal(expected.Keys, payer.Select(Text));
        foreach (var (cell, stratum) in disclosed.Tables[0].Cells.Zip(payer))
        {
            AssertShows(cell, stratum.Population.Select(p => p.CountElement), stratum.MeasureScore);
            Assert.True(cell.IsSuppressed || expected[Text(stratum)!] == (Count(stratum, "denominator"), Count(stratum, "numerator")));
        }

        Assert.Contains(disclosed.Tables[0].Cells, c => !c.IsSuppressed);
    }

    [Fact]
    public void CreateDeidentified_ReleaseOfAnotherMeasure_Throws()
    {
        var disclosed = SmallCellGate.Disclose(MeasureReportWriter.ToRelease(hand.Colorectal, hand.Counts, HandBuiltCounts.Strata));

        Assert.Throws<ArgumentException>(() =>
            MeasureReportWriter.CreateDeidentified(hand.Breast, disclosed, HandBuiltCounts.Period, HandBuiltCounts.Generated));
    }

    [Fact]
    public void CreateDeidentified_GeneratedPopulation_HasNoCountFromOneToTenAndMasksEverySuppressedStratum()
    {
        int published = 0, masked = 0;
        foreach (var measure in generated.Measures)
        {
            var disclosed = SmallCellGate.Disclose(MeasureReportWriter.ToRelease(measure, generated.Counts, Stratifiers.Standard));
            var json = MeasureReportWriter.ToJson(MeasureReportWriter.CreateDeidentified(measure, disclosed, GeneratedCounts.Period,
                HandBuiltCounts.Generated));

            using var document = JsonDocument.Parse(json);
            var numbers = Numbers(document.RootElement).ToList();
            Assert.All(numbers, n => Assert.True(n.Name is "count" or "value", $"{measure.Id}: unexpected number {n.Name}"));
            Assert.All(numbers.Where(n => n.Name == "count"), n => Assert.False(SmallCellGate.IsSmall((long)n.Value),
                $"{measure.Id}: a count of {n.Value} is from 1 to 10"));
            Assert.All(numbers.Where(n => n.Name == "value"), n => Assert.InRange(n.Value, 0m, 1m));
            var report = Strict.Deserialize<MeasureReport>(json);
            Assert.Empty(Problems(report));
            var group = report.Group.Single();
            AssertShows(disclosed.Total, group.Population.Select(p => p.CountElement), group.MeasureScore);
            var cells = disclosed.Tables.SelectMany(t => t.Cells).ToList();
            var strata = group.Stratifier.SelectMany(s => s.Stratum).ToList();
            Assert.Equal(cells.Count, strata.Count);
            foreach (var (cell, stratum) in cells.Zip(strata))
            {
                Assert.Equal(CategoryText(cell.Categories), Text(stratum));
                AssertShows(cell, stratum.Population.Select(p => p.CountElement), stratum.MeasureScore);
                if (cell.IsSuppressed)
                {
                    masked++;
                }
                else
                {
                    published++;
                }
            }
        }

        Assert.True(published > 20 && masked > 20, $"{published} published and {masked} masked strata: too few to test both");
    }

    /// <summary>Firely's POCO validation messages, then the keys of failed invariants.</summary>
    private static List<string> Problems(MeasureReport report) =>
    [
        .. report.Validate().Select(e => e.Message),
        .. Invariants.Where(i => !report.Predicate(i.Expression)).Select(i => i.Key),
    ];

    /// <summary>The populations (denominator, numerator) and score show the cell's counts, or are all masked.</summary>
    private static void AssertShows(DisclosedCell cell, IEnumerable<Integer?> counts, Quantity? score)
    {
        var elements = counts.ToList();
        if (cell.Counts is { } shown)
        {
            Assert.Equal([shown.Denominator, shown.Numerator], elements.Select(c => (long)c!.Value!.Value));
            Assert.All(elements, c => Assert.Empty(c!.Extension));
            Assert.Equal(shown.Denominator == 0, score is null);
        }
        else
        {
            Assert.Equal(2, elements.Count);
            Assert.All(elements, c =>
            {
                Assert.Null(c!.Value);
                Assert.Equal(Masked, IsMasked(c));
            });
            Assert.Null(score!.Value);
            Assert.Equal(Masked, IsMasked(score));
        }
    }

    private static string CategoryText(IReadOnlyList<string> categories) =>
        categories is [Stratifier.Unknown, Stratifier.Unknown] ? Stratifier.Unknown : string.Join(Stratifier.CrossSeparator, categories);

    private static void AssertMasked(MeasureReport.StratifierGroupComponent stratum)
    {
        Assert.All(stratum.Population, p =>
        {
            Assert.Null(p.Count);
            Assert.Equal(Masked, IsMasked(p.CountElement!));
        });
        Assert.Null(stratum.MeasureScore!.Value);
        Assert.Equal(Masked, IsMasked(stratum.MeasureScore));
    }

    private static string? Text(MeasureReport.StratifierGroupComponent stratum) => stratum.Value!.Text;

    private static string CodeOf(MeasureReport.PopulationComponent population) => population.Code!.Coding.Single().Code!;

    private static string CodeOf(MeasureReport.StratifierGroupPopulationComponent population) => population.Code!.Coding.Single().Code!;

    private static string? IsMasked(Element element) =>
        (element.GetExtension(MeasureReportWriter.DataAbsentReasonUrl)?.Value as Code)?.Value;

    private static int Count(MeasureReport.StratifierGroupComponent stratum, string population) =>
        stratum.Population.Single(p => CodeOf(p) == population).Count!.Value;

    private static int Count(MeasureReport.GroupComponent group, string population) =>
        group.Population.Single(p => CodeOf(p) == population).Count!.Value;

    /// <summary>Every number in the JSON with the name of the property that holds it.</summary>
    private static IEnumerable<(string Name, decimal Value)> Numbers(JsonElement element, string name = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    foreach (var number in Numbers(property.Value, property.Name))
                    {
                        yield return number;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var number in Numbers(item, name))
                    {
                        yield return number;
                    }
                }

                break;
            case JsonValueKind.Number:
                yield return (name, element.GetDecimal());
                break;
            case JsonValueKind.Undefined:
            case JsonValueKind.String:
            case JsonValueKind.True:
            case JsonValueKind.False:
            case JsonValueKind.Null:
            default:
                break;
        }
    }
}
