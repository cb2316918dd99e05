using System.Globalization;
using System.Text.Json;
using RadEquity.Engine.Evaluation;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Statistics;
using RadEquity.Engine.Strata;
using RadEquity.Engine.Terminology;
using RadEquity.Interop.Ingest;
using RadEquity.Interop.Tests.Synthetic;
using Xunit.Abstractions;

namespace RadEquity.Interop.Tests.Measures;

/// <summary>A generated population (known disparities), ingested and evaluated by the engine.</summary>
public sealed class RecoveryFixture : IDisposable
{
    public RecoveryFixture()
    {
        Export = new SampleExport(60_000, 11);
        Codes = CodeIndex.Compile(ValueSetCatalog.LoadDefault().All);
        var sink = new PatientRecordSink(Codes);
        var summary = IngestRun.RunAsync([Export.Directory], new IngestOptions { Source = "synthetic" }, sink).GetAwaiter().GetResult();
        Quarantined = summary.Quarantined;
        Patients = sink.ToRecords();
        using var ruca = File.OpenText(Path.Combine(Export.Directory, AreaLookup.RucaFileName));
        using var adi = File.OpenText(Path.Combine(Export.Directory, AreaLookup.DeprivationFileName));
        Areas = AreaLookup.Load(ruca, adi);
        using var truth = File.OpenRead(Path.Combine(Export.Directory, "ground-truth.json"));
        GroundTruth = JsonDocument.Parse(truth);
    }

    public SampleExport Export { get; }

    public CodeIndex Codes { get; }

    public long Quarantined { get; }

    public IReadOnlyList<PatientRecord> Patients { get; }

    public AreaLookup Areas { get; }

    public JsonDocument GroundTruth { get; }

    public void Dispose()
    {
        GroundTruth.Dispose();
        Export.Dispose();
    }
}

/// <summary>
/// The generator writes the expected rate of every group next to the data (ground-truth.json). The engine, run on the
/// export, must recover every configured disparity: each group's expected rate inside the 99.8% Wilson interval of
/// the rate the engine measures, for groups large enough to say anything (at least 150 people; 50 for the rare
/// positive lung screens).
/// </summary>
public sealed class DisparityRecoveryTests(RecoveryFixture fixture, ITestOutputHelper output) : IClassFixture<RecoveryFixture>
{
    private static readonly DateOnly AsOf = SampleExport.AsOf;
    private static readonly MeasurementPeriod Year = MeasurementPeriod.ForYear(AsOf.Year - 1);

    // The generator's groups, as stratifiers over the same facts (its race and ethnicity are the US Core OMB codes).
    private static readonly Stratifier GeneratorRace = new("gt-race", "race (generator)", false,
        ["white", "black", "asian", "aian", "nhpi", "multiracial", "declined", Stratifier.Unknown], static (p, _, _) => RaceOf(p));

    private static readonly Stratifier GeneratorEthnicity = new("gt-ethnicity", "ethnicity (generator)", false,
        ["hispanic", "not-hispanic", "declined", Stratifier.Unknown], static (p, _, _) => EthnicityOf(p));

    private static readonly Stratifier GeneratorLanguage = new("gt-language", "language (generator)", false,
        ["english", "non-english", "interpreter", Stratifier.Unknown],
        static (p, _, _) => p.NeedsInterpreter == true ? "interpreter"
            : p.LanguageCode is null ? Stratifier.Unknown
            : p.LanguageCode.StartsWith("en", StringComparison.Ordinal) ? "english" : "non-english");

    private const string Unmapped = "(no engine category)";

    public static TheoryData<string, string> Effects => new()
    {
        { "mammography-2y", "breast-uspstf-2024" },
        { "colorectal-up-to-date", "cms130" },
        { "lung-ldct-1y", "lung-uspstf-2021" },
        { "mammography-follow-up", "bi-rads-resolution-90" },
        { "lung-follow-up", "lung-rads-follow-up" },
    };

    [Fact]
    public void Ingest_GeneratedExport_NothingQuarantined()
    {
        Assert.Equal(0, fixture.Quarantined);
        Assert.Equal(60_000, fixture.Patients.Count);
    }

    [Theory]
    [MemberData(nameof(Effects))]
    public void Evaluate_GeneratedPopulation_RecoversEveryConfiguredGroupRate(string effect, string measureId)
    {
        var counts = Evaluate(effect, measureId);
        var failures = new List<string>();
        var checkedGroups = 0;
        foreach (var stratum in Truth(effect).GetProperty("strata").EnumerateArray())
        {
            var stratifier = StratifierFor(stratum.GetProperty("stratifier").GetString()!);
            if (stratifier is null)
            {
                continue;
            }

            foreach (var level in stratum.GetProperty("levels").EnumerateArray())
            {
                var n = level.GetProperty("n").GetDouble();
                var expected = level.GetProperty("expectedRate").GetDouble();
                var category = stratifier.Id == StratumKey.Overall ? StratumKey.Overall : CategoryFor(stratifier, level.GetProperty("level").GetString()!);
                var cell = counts.Get(measureId, stratifier.Id, category);

                // Follow-up effects are "completed at all"; the engine's follow-up measures count resolution at any
                // time separately from resolution on time.
                var measured = effect.EndsWith("follow-up", StringComparison.Ordinal) ? cell.Resolved : cell.Numerator;
                var interval = ConfidenceIntervals.Wilson(new Proportion(measured, cell.Eligible), ConfidenceLevel.NinetyNinePointEight);
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"{effect} {stratifier.Id}={category}: expected {expected:P1} of {n:N0}; measured {measured}/{cell.Eligible} = {(double)measured / cell.Eligible:P1} [{interval.Lower:P1}, {interval.Upper:P1}]");
                output.WriteLine(line);
                if (n < (effect == "lung-follow-up" ? 50 : 150) || category == Unmapped)
                {
                    continue;
                }

                checkedGroups++;
                if (expected < interval.Lower || expected > interval.Upper)
                {
                    failures.Add(line);
                }

                // Screening populations are the same people; follow-up units differ (the generator counts every
                // abnormal screen of two years, the engine each patient's first index due in the period).
                if (!effect.EndsWith("follow-up", StringComparison.Ordinal) && Math.Abs(cell.Eligible - n) > Math.Max(5, 0.02 * n))
                {
                    failures.Add(line + " (group size differs)");
                }
            }
        }

        Assert.True(checkedGroups >= (effect == "lung-follow-up" ? 1 : 12), $"only {checkedGroups} groups checked");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Evaluate_GeneratedPopulation_UninsuredWomenScreenedLessThanPrivatelyInsured()
    {
        var counts = Evaluate("mammography-2y", "breast-uspstf-2024");
        var uninsured = counts.Get("breast-uspstf-2024", Stratifiers.Payer.Id, "Uninsured/self-pay");
        var insured = counts.Get("breast-uspstf-2024", Stratifiers.Payer.Id, "Private");

        var difference = RateComparison.Difference(new Proportion(uninsured.Numerator, uninsured.Eligible),
            new Proportion(insured.Numerator, insured.Eligible), ConfidenceLevel.NinetyFive);

        Assert.True(difference.Interval.Upper < -0.25, $"difference {difference.Value:P1} [{difference.Interval.Lower:P1}, {difference.Interval.Upper:P1}]");
    }

    private EvaluationCounts Evaluate(string effect, string measureId)
    {
        var measure = MeasureSet.Standard(fixture.Codes).Single(m => m.Id == measureId);
        var context = new MeasureContext(Year, fixture.Codes, AsOf);

        // The generator's populations are defined on the as-of date: keep exactly its age ranges.
        var (minAge, maxAge) = effect switch
        {
            "mammography-2y" => (50, 74),
            "colorectal-up-to-date" => (50, 75),
            _ => (0, 200),
        };
        var patients = fixture.Patients.Where(p => p.AgeAt(AsOf) is { } age && age >= minAge && age <= maxAge).ToList();
        var stratifiers = new[] { Stratifiers.Payer, Stratifiers.Rurality, Stratifiers.AgeBand, GeneratorRace, GeneratorEthnicity, GeneratorLanguage };
        return new Evaluator([measure], stratifiers, context, new StratificationContext(AsOf, fixture.Areas)).Run(patients).Counts;
    }

    private JsonElement Truth(string effect) =>
        fixture.GroundTruth.RootElement.GetProperty("effects").EnumerateArray().Single(e => e.GetProperty("effect").GetString() == effect);

    private static Stratifier? StratifierFor(string generatorName) => generatorName switch
    {
        "payer" => Stratifiers.Payer,
        "rurality" => Stratifiers.Rurality,
        "age" => Stratifiers.AgeBand,
        "race" => GeneratorRace,
        "ethnicity" => GeneratorEthnicity,
        "language" => GeneratorLanguage,
        "overall" => new Stratifier(StratumKey.Overall, "overall", false, [Stratifier.Unknown], static (_, _, _) => Stratifier.Unknown),
        _ => null, // distance to the nearest site is not a stratifier of the engine
    };

    private static string CategoryFor(Stratifier stratifier, string level) => (stratifier.Id, level) switch
    {
        ("payer", "medicare") => "Medicare",
        ("payer", "medicaid") => "Medicaid",
        ("payer", "private") => "Private",
        ("payer", "uninsured") => "Uninsured/self-pay",
        ("payer", "other") => "Other",
        ("rurality", "urban") => "Urban",
        ("rurality", "rural") => "Rural",
        ("age-band", "50-64") => "50–64",
        ("age-band", "65-74") => "65–74",
        ("age-band", "75-80") => "75+",
        ("age-band", "75+") => "75+",
        ("age-band", _) => Unmapped, // the generator's 18-49 spans two engine bands
        (_, "unknown") => Stratifier.Unknown,
        _ => level,
    };

    private static string RaceOf(PatientFact p)
    {
        var omb = p.RaceCodes.Where(c => c.System == Coding.CdcRaceEthnicity).Select(c => c.Code)
            .Where(c => c is "1002-5" or "2028-9" or "2054-5" or "2076-8" or "2106-3").Distinct().ToList();
        if (omb.Count > 1)
        {
            return "multiracial";
        }

        if (omb.Count == 1)
        {
            return omb[0] switch { "1002-5" => "aian", "2028-9" => "asian", "2054-5" => "black", "2076-8" => "nhpi", _ => "white" };
        }

        return p.RaceCodes.Any(c => c.Code == "ASKU") ? "declined" : Stratifier.Unknown;
    }

    private static string EthnicityOf(PatientFact p) =>
        p.EthnicityCodes.Any(c => c.Code == "2135-2") ? "hispanic"
        : p.EthnicityCodes.Any(c => c.Code == "2186-5") ? "not-hispanic"
        : p.EthnicityCodes.Any(c => c.Code == "ASKU") ? "declined"
        : Stratifier.Unknown;
}
