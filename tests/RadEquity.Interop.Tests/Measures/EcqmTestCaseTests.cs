using System.Globalization;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Serialization;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Terminology;
using RadEquity.Interop.Ingest;
using RadEquity.Interop.Tests.Ingest;
using FhirModel = Hl7.Fhir.Model;

namespace RadEquity.Interop.Tests.Measures;

/// <summary>
/// eCQM test cases in the official shape (QI-Core 6 transaction Bundles, one patient each, as MADiE exports them),
/// through the real ingest loop and the CMS125 / CMS130 measures, against the populations the CQL gives
/// (<c>TestFiles/ecqm/*/expected.json</c>, derived by reading the CQL, not by running RadEquity). Every case runs
/// with the engine's default value sets and, in the Conformance category, with the official expansions of
/// <c>shared/spec/ecqm</c> beside the repository.
/// </summary>
public class EcqmTestCaseTests
{
    private const string ExpectedFileName = "expected.json";
    private const string OfficialMissing = "shared/spec/ecqm not found beside the repository; the official expansions are not checked in";
    private static readonly string[] MeasureFolders = ["CMS125", "CMS130"];
    private static readonly MeasurementPeriod Period = MeasurementPeriod.ForYear(2026);
    private static readonly MeasureOptions Options = new() { QiCoreStudiesOnly = true };
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Lazy<CodeIndex> DefaultCodes = new(() => CodeIndex.Compile(ValueSetCatalog.LoadDefault().All));
    private static readonly Lazy<(CodeIndex Codes, IReadOnlyList<ValueSet> Official)?> OfficialCodes = new(LoadOfficialCodes);

    private static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "Measures", "TestFiles", "ecqm");

    /// <summary>Every case file, as (measure folder, file name).</summary>
    public static TheoryData<string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var measure in MeasureFolders)
            {
                foreach (var file in CaseFiles(measure))
                {
                    data.Add(measure, file);
                }
            }

            return data;
        }
    }

    public static TheoryData<string> Measures => new(MeasureFolders);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Evaluate_OfficialShapeBundle_MatchesCqlPopulations(string measure, string caseFile) =>
        await AssertCaseAsync(measure, caseFile, DefaultCodes.Value);

    [SkippableTheory]
    [Trait("Category", "Conformance")]
    [MemberData(nameof(Cases))]
    public async Task Evaluate_OfficialShapeBundleWithOfficialExpansions_MatchesCqlPopulations(string measure, string caseFile)
    {
        var official = OfficialCodes.Value;
        Skip.If(official is null, OfficialMissing);
        await AssertCaseAsync(measure, caseFile, official.Value.Codes);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CaseFile_FirelyStrictMode_IsQiCoreTransactionBundleOfOnePatient(string measure, string caseFile)
    {
        var deserializer = new FhirJsonDeserializer(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

        var bundle = deserializer.Deserialize<FhirModel.Bundle>(File.ReadAllText(Path.Combine(Root, measure, caseFile)));

        Assert.Equal(FhirModel.Bundle.BundleType.Transaction, bundle.Type);
        Assert.Single(bundle.Entry, e => e.Resource is FhirModel.Patient);
        Assert.All(bundle.Entry, e =>
        {
            var resource = Assert.IsAssignableFrom<FhirModel.Resource>(e.Resource);
            var request = Assert.IsType<FhirModel.Bundle.RequestComponent>(e.Request);
            Assert.Matches("^(urn:uuid:[0-9a-f-]{36}|https://madie\\.cms\\.gov/" + resource.TypeName + "/[0-9a-f-]{36})$", e.FullUrl);
            Assert.True(request.Method is FhirModel.Bundle.HTTPVerb.PUT or FhirModel.Bundle.HTTPVerb.POST, "request.method " + request.Method);
            Assert.StartsWith(resource.TypeName, request.Url, StringComparison.Ordinal);
            var profile = Assert.Single(Assert.IsType<FhirModel.Meta>(resource.Meta).Profile);
            Assert.StartsWith("http://hl7.org/fhir/us/qicore/StructureDefinition/qicore-", profile, StringComparison.Ordinal);
        });
    }

    [SkippableFact]
    [Trait("Category", "Conformance")]
    public void LoadOfficialCodes_SharedSpec_ReplacesEveryMeasureValueSetItCarries()
    {
        var official = OfficialCodes.Value;
        Skip.If(official is null, OfficialMissing);
        var (codes, sets) = official.Value;

        var compiled = codes.ValueSets.ToDictionary(set => set.Url, StringComparer.Ordinal);
        var replaced = sets.Where(set => compiled.ContainsKey(set.Url)).ToList();
        Assert.True(replaced.Count >= 30, "only " + replaced.Count.ToString(CultureInfo.InvariantCulture) + " official value sets are ones the measures use");
        var files = sets.Select(set => set.Source).ToHashSet(StringComparer.Ordinal);
        Assert.All(replaced, set =>
        {
            Assert.Contains(compiled[set.Url].Source, files);
            Assert.Equal(set.Codes.ToHashSet(), compiled[set.Url].Codes.ToHashSet());
        });
    }

    [Theory]
    [MemberData(nameof(Measures))]
    public void ExpectedJson_CaseFolder_ListsEveryCaseFileOnceAndEveryOutcome(string measure)
    {
        var expected = Expectations(measure);
        var files = CaseFiles(measure);

        Assert.Equal(Period.ToString(), expected.MeasurementPeriod);
        Assert.Equal(files, expected.Cases.Keys.Order(StringComparer.Ordinal));
        Assert.True(files.Count >= 14, measure + " has only " + files.Count.ToString(CultureInfo.InvariantCulture) + " cases");
        var outcomes = expected.Cases.Values.Select(Populations.Of).ToHashSet();
        Assert.Contains(new Populations(false, false, false, false), outcomes);
        Assert.Contains(new Populations(true, true, false, false), outcomes);
        Assert.Contains(new Populations(true, true, false, true), outcomes);
        Assert.Contains(new Populations(true, true, true, false), outcomes);
        // The denominator is the initial population in both measures; an excluded patient is never in the numerator.
        Assert.All(expected.Cases, c => Assert.True(
            c.Value.Denominator == c.Value.InitialPopulation
            && (c.Value.InitialPopulation || !(c.Value.DenominatorExclusion || c.Value.Numerator))
            && !(c.Value.DenominatorExclusion && c.Value.Numerator),
            c.Key + ": populations that cannot occur"));
    }

    private static async Task AssertCaseAsync(string measureId, string caseFile, CodeIndex codes)
    {
        Assert.True(Expectations(measureId).Cases.TryGetValue(caseFile, out var expected), caseFile + " is not in " + ExpectedFileName);
        var sink = new MemorySink();

        var summary = await IngestRun.RunAsync(
            [Path.Combine(Root, measureId, caseFile)], new IngestOptions { Source = "ecqm" }, sink, null, CancellationToken.None);

        Assert.True(summary.Completed, caseFile + ": ingest did not complete");
        Assert.Empty(summary.Messages);
        Assert.True(sink.Quarantine.Count == 0, caseFile + " quarantined: " + string.Join("; ", sink.Quarantine.Select(q => q.Location + " " + q.Reason)));
        var factless = sink.Resources.Values.Where(r => r.Fact is null).Select(r => r.Key.ResourceType + "/" + r.Key.ResourceId).ToList();
        Assert.True(factless.Count == 0, caseFile + ": resources projected to no fact: " + string.Join(", ", factless));
        var records = new PatientRecordSet(codes);
        foreach (var item in sink.Resources.Values)
        {
            records.Add(item.Key, item.Fact!);
        }

        var patient = Assert.Single(records.ToRecords());
        var measure = Create(measureId, codes);
        var context = new MeasureContext(Period, codes, options: Options);
        var result = measure.Evaluate(patient, context);
        var actual = new Populations(result.InInitialPopulation, result.InDenominator, result.IsExcluded, result.InNumerator);

        if (actual != Populations.Of(expected))
        {
            Assert.Fail(Mismatch(measureId + "/" + caseFile, expected, actual, measure.Explain(patient, context)));
        }
    }

    private static string Mismatch(string name, ExpectedPopulations expected, Populations actual, MeasureOutcome outcome)
    {
        var text = new StringBuilder()
            .AppendLine(name + ": expected " + Populations.Of(expected) + ", evaluated " + actual)
            .AppendLine("CQL: " + expected.Why)
            .AppendLine("Evidence (" + outcome.MeasureId + ", Patient/" + outcome.PatientId + "):");
        foreach (var e in outcome.Evidence)
        {
            text.AppendLine("  " + e.Role + " | " + e.Criterion + " | " + (e.Resource ?? "-") + " | "
                            + (e.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-") + " | " + e.Detail);
        }

        return text.ToString();
    }

    private static Measure Create(string measureId, CodeIndex codes) => measureId switch
    {
        "CMS125" => new BreastCancerScreening(codes),
        "CMS130" => new ColorectalCancerScreening(codes),
        _ => throw new ArgumentOutOfRangeException(nameof(measureId), measureId, "no measure for this test-case folder"),
    };

    private static List<string> CaseFiles(string measure) =>
        Directory.EnumerateFiles(Path.Combine(Root, measure), "*.json")
            .Select(path => Path.GetFileName(path))
            .Where(name => name != ExpectedFileName)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static ExpectedFile Expectations(string measure)
    {
        using var stream = File.OpenRead(Path.Combine(Root, measure, ExpectedFileName));
        return JsonSerializer.Deserialize<ExpectedFile>(stream, Json)
               ?? throw new InvalidDataException(measure + "/" + ExpectedFileName + " is empty");
    }

    /// <summary>The official expansions of both measures over the defaults, or null without <c>shared/spec/ecqm</c>.</summary>
    private static (CodeIndex Codes, IReadOnlyList<ValueSet> Official)? LoadOfficialCodes()
    {
        string? spec = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null && spec is null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "spec", "ecqm");
            spec = Directory.Exists(candidate) ? candidate : null;
        }

        if (spec is null)
        {
            return null;
        }

        var official = new List<ValueSet>();
        foreach (var measure in MeasureFolders)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(spec, measure, "valuesets"), "*.json").Order(StringComparer.Ordinal))
            {
                using var stream = File.OpenRead(file);
                official.AddRange(ValueSetCatalog.Read(stream, Path.GetFileName(file)));
            }
        }

        return (CodeIndex.Compile(ValueSetCatalog.LoadDefault().With(official).All), official);
    }

    private sealed record ExpectedFile(string Comment, string MeasurementPeriod, Dictionary<string, ExpectedPopulations> Cases);

    private sealed record ExpectedPopulations(bool InitialPopulation, bool Denominator, bool DenominatorExclusion, bool Numerator, string Why);

    private readonly record struct Populations(bool InitialPopulation, bool Denominator, bool DenominatorExclusion, bool Numerator)
    {
        public static Populations Of(ExpectedPopulations e) => new(e.InitialPopulation, e.Denominator, e.DenominatorExclusion, e.Numerator);

        public override string ToString() =>
            "{IP " + InitialPopulation + ", DENOM " + Denominator + ", DENEX " + DenominatorExclusion + ", NUMER " + Numerator + "}";
    }
}
