using System.Text.Json;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Terminology;

namespace RadEquity.Engine.Tests.Terminology;

/// <summary>
/// The defaults against the official CMS125/CMS130 expansions and against real Synthea output, both read from
/// <c>../shared/</c> when it is there.
/// </summary>
[Trait("Category", "Conformance")]
public sealed class ValueSetConformanceTests(ValueSetConformanceTests.SyntheaCodings synthea) : IClassFixture<ValueSetConformanceTests.SyntheaCodings>
{
    private const string Rxnorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private const string Vsac = "http://cts.nlm.nih.gov/fhir/ValueSet/";

    /// <summary>Codes seen in the Synthea sample output and the value set the defaults place them in.</summary>
    public static TheoryData<string, string, string> SyntheaCodesCovered { get; } = new()
    {
        // Added to VSAC value sets (docs/value-sets.md, "Synthea additions").
        { ValueSetUrls.OfficeVisit, Coding.Snomed, "185349003" },
        { ValueSetUrls.OfficeVisit, Coding.Snomed, "162673000" },
        { ValueSetUrls.Mammography, Coding.Snomed, "24623002" },
        // Already in the VSAC expansions.
        { ValueSetUrls.AnnualWellnessVisit, Coding.Snomed, "86013001" },
        { ValueSetUrls.HomeHealthcareServices, Coding.Snomed, "439708006" },
        { ValueSetUrls.EncounterInpatient, Coding.Snomed, "183452005" },
        { ValueSetUrls.EncounterInpatient, Coding.Snomed, "32485007" },
        { ValueSetUrls.HospiceEncounter, Coding.Snomed, "305336008" },
        { ValueSetUrls.HospiceCareAmbulatory, Coding.Snomed, "385763009" },
        { ValueSetUrls.Colonoscopy, Coding.Snomed, "73761001" },
        { ValueSetUrls.FecalOccultBloodTest, Coding.Loinc, "57905-2" },
        { ValueSetUrls.MalignantNeoplasmOfColon, Coding.Snomed, "109838007" },
        { ValueSetUrls.AdvancedIllness, Coding.Snomed, "26929004" },
        { ValueSetUrls.DementiaMedications, Rxnorm, "997223" },
        { ValueSetUrls.FrailtyDevice, Coding.Snomed, "228869008" },
        // RadEquity value sets.
        { ValueSetUrls.SmokingStatusObservation, Coding.Loinc, "72166-2" },
        { ValueSetUrls.NeverSmoker, Coding.Snomed, "266919005" },
        { ValueSetUrls.FormerSmoker, Coding.Snomed, "8517006" },
        { ValueSetUrls.CurrentSmoker, Coding.Snomed, "449868002" },
        { ValueSetUrls.ChestCt, Coding.Snomed, "16335031000119103" },
        { ValueSetUrls.ChestCt, Coding.Snomed, "418891003" },
        { ValueSetUrls.BreastDiagnosticImaging, Coding.Snomed, "1571000087109" },
        { ValueSetUrls.BreastBiopsy, Coding.Snomed, "122548005" },
    };

    private static string OfficialMissing => "shared/spec/ecqm/*/valuesets not found beside the repository; conformance data is not checked in";

    [SkippableFact]
    public void OfficialBundles_EveryVsacUrlOfTheMeasures_IsPresent()
    {
        var official = OfficialByUrl();

        var vsacUrls = ValueSetCatalogTests.MeasureUrls.Where(url => url.StartsWith(Vsac, StringComparison.Ordinal)).ToArray();

        Assert.Equal(35, vsacUrls.Length);
        Assert.All(vsacUrls, url => Assert.True(official.ContainsKey(url), url));
    }

    [SkippableFact]
    public void Defaults_VsacValueSets_AreTheOfficialCodesPlusOnlyTheDocumentedAdditions()
    {
        var official = OfficialByUrl();
        var defaults = ValueSetCatalog.LoadDefault();

        foreach (var url in ValueSetCatalogTests.MeasureUrls.Where(url => url.StartsWith(Vsac, StringComparison.Ordinal)))
        {
            var ours = defaults[url];
            var theirs = official[url];
            Assert.Equal(theirs.Name, ours.Name);
            Assert.Equal(theirs.Version, ours.Version);
            Assert.Empty(theirs.Codes.Except(ours.Codes));
            var expectedExtras = SyntheaAdditions.ByUrl.TryGetValue(url, out var added) ? added : [];
            Assert.Equal(expectedExtras, ours.Codes.Except(theirs.Codes));
        }
    }

    [SkippableFact]
    public void With_OfficialBundles_ReplacesTheDefaultsAndDropsTheSyntheaAdditions()
    {
        var official = OfficialByUrl();

        var catalog = ValueSetCatalog.LoadDefault().With(official.Values);

        Assert.StartsWith("valuesets-CMS", catalog[ValueSetUrls.OfficeVisit].Source, StringComparison.Ordinal);
        Assert.True(catalog.Contains(ValueSetUrls.OfficeVisit, new Coding(Coding.Cpt, "99213")));
        Assert.False(catalog.Contains(ValueSetUrls.OfficeVisit, new Coding(Coding.Snomed, "185349003")));
        Assert.False(catalog.Contains(ValueSetUrls.Mammography, new Coding(Coding.Snomed, "24623002")));
        Assert.Equal("default", catalog[ValueSetUrls.LowDoseCtLungScreening].Source);
        // The bundles also carry value sets the measures do not use (race, ethnicity, payer, sex); they are added.
        Assert.True(catalog.All.Count > ValueSetCatalogTests.MeasureUrls.Count);
    }

    [SkippableFact]
    public void OfficialBundles_BothRead_ShareIdenticalCopiesOfTheLibraryValueSets()
    {
        var files = SharedReference.OfficialValueSetBundles();
        Skip.If(files.Count == 0, OfficialMissing);

        var all = files.SelectMany(ReadFile).ToArray();
        var catalog = ValueSetCatalog.LoadDefault().With(all);

        Assert.True(all.Length > all.Select(set => set.Url).Distinct(StringComparer.Ordinal).Count(), "the bundles share no value set");
        // FederalAdministrativeSex has no expansion: its codes come from compose.include.
        Assert.True(catalog.Contains(Vsac + "2.16.840.1.113762.1.4.1021.121", new Coding(Coding.Snomed, "248152002")));
    }

    [SkippableTheory]
    [MemberData(nameof(SyntheaCodesCovered))]
    public void Defaults_CodeSyntheaEmits_IsFoundInItsValueSet(string url, string system, string code)
    {
        Skip.If(synthea.Codings is null, "shared/data/synthea not found beside the repository; conformance data is not checked in");
        var coding = new Coding(system, code);

        Assert.Contains(coding, synthea.Codings);
        Assert.True(ValueSetCatalog.LoadDefault().Contains(url, coding), $"{coding} not in {url}");
    }

    private static Dictionary<string, ValueSet> OfficialByUrl()
    {
        var files = SharedReference.OfficialValueSetBundles();
        Skip.If(files.Count == 0, OfficialMissing);
        var byUrl = new Dictionary<string, ValueSet>(StringComparer.Ordinal);
        foreach (var set in files.SelectMany(ReadFile))
        {
            byUrl.TryAdd(set.Url, set);
        }

        return byUrl;
    }

    private static IReadOnlyList<ValueSet> ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return ValueSetCatalog.Read(stream, Path.GetFileName(path));
    }

    /// <summary>Every (system, code) pair in the Synthea sample output, read once per test class.</summary>
    public sealed class SyntheaCodings
    {
        public SyntheaCodings()
        {
            var root = SharedReference.Synthea();
            if (root is null)
            {
                return;
            }

            var codings = new HashSet<Coding>();
            foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories))
            {
                using var stream = File.OpenRead(file);
                using var document = JsonDocument.Parse(stream);
                Collect(document.RootElement, codings);
            }

            foreach (var file in Directory.EnumerateFiles(root, "*.ndjson", SearchOption.AllDirectories))
            {
                foreach (var line in File.ReadLines(file).Where(line => line.Length > 0))
                {
                    using var document = JsonDocument.Parse(line);
                    Collect(document.RootElement, codings);
                }
            }

            Codings = codings;
        }

        public IReadOnlySet<Coding>? Codings { get; }

        private static void Collect(JsonElement element, HashSet<Coding> codings)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                if (element.TryGetProperty("system", out var system) && system.ValueKind == JsonValueKind.String
                    && element.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String)
                {
                    codings.Add(new Coding(system.GetString()!, code.GetString()!));
                }

                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, codings);
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, codings);
                }
            }
        }
    }
}
