using System.Reflection;
using System.Text.Json;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Terminology;

namespace RadEquity.Engine.Tests.Terminology;

public sealed class ValueSetCatalogTests
{
    private static readonly ValueSetCatalog Defaults = ValueSetCatalog.LoadDefault();

    /// <summary>Every <c>public const string</c> of <see cref="ValueSetUrls"/>.</summary>
    public static IReadOnlyList<string> MeasureUrls { get; } = typeof(ValueSetUrls)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.FieldType == typeof(string))
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToArray();

    /// <summary>
    /// What the synthetic generator writes (src/RadEquity.Interop/Synthetic/Codes.cs, docs/synthetic-population.md),
    /// with the value set each code must qualify for. The engine tests cannot reference Interop, hence the copy.
    /// </summary>
    public static TheoryData<string, string, string> GeneratorCodes { get; } = new()
    {
        { ValueSetUrls.Mammography, Coding.Loinc, "26175-0" },
        { ValueSetUrls.Mammography, Coding.Loinc, "26346-7" },
        { ValueSetUrls.Colonoscopy, Coding.Cpt, "45378" },
        { ValueSetUrls.Colonoscopy, Coding.Snomed, "444783004" },
        { ValueSetUrls.FlexibleSigmoidoscopy, Coding.Cpt, "45330" },
        { ValueSetUrls.FlexibleSigmoidoscopy, Coding.Snomed, "44441009" },
        { ValueSetUrls.FecalOccultBloodTest, Coding.Loinc, "29771-3" },
        { ValueSetUrls.FecalOccultBloodTest, Coding.Loinc, "2335-8" },
        { ValueSetUrls.StoolDnaFitTest, Coding.Loinc, "77354-9" },
        { ValueSetUrls.CtColonography, Coding.Loinc, "79069-1" },
        { ValueSetUrls.BilateralMastectomy, Coding.Snomed, "27865001" },
        { ValueSetUrls.TotalColectomy, Coding.Cpt, "44150" },
        { ValueSetUrls.TotalColectomy, Coding.Snomed, "26390003" },
        { ValueSetUrls.MalignantNeoplasmOfColon, Coding.Snomed, "363406005" },
        { ValueSetUrls.MalignantNeoplasmOfColon, Coding.Icd10Cm, "C18.9" },
        { ValueSetUrls.HospiceEncounter, Coding.Snomed, "305336008" },
        { ValueSetUrls.HospiceCareAmbulatory, Coding.Snomed, "385763009" },
        { ValueSetUrls.PalliativeCareDiagnosis, Coding.Icd10Cm, "Z51.5" },
        { ValueSetUrls.PalliativeCareDiagnosis, Coding.Snomed, "441874000" },
        { ValueSetUrls.PalliativeCareIntervention, Coding.Snomed, "103735009" },
        { ValueSetUrls.FrailtyDiagnosis, Coding.Icd10Cm, "Z99.3" },
        { ValueSetUrls.OfficeVisit, Coding.Cpt, "99212" },
        { ValueSetUrls.OfficeVisit, Coding.Cpt, "99213" },
        { ValueSetUrls.OfficeVisit, Coding.Cpt, "99214" },
        { ValueSetUrls.OfficeVisit, Coding.Cpt, "99203" },
        { ValueSetUrls.PreventiveCareEstablished, Coding.Cpt, "99396" },
        { ValueSetUrls.PreventiveCareEstablished, Coding.Cpt, "99397" },
        { ValueSetUrls.AnnualWellnessVisit, Coding.Hcpcs, "G0438" },
        { ValueSetUrls.AnnualWellnessVisit, Coding.Hcpcs, "G0439" },
        { ValueSetUrls.LowDoseCtLungScreening, Coding.Cpt, "71271" },
        { ValueSetUrls.ChestCt, Coding.Cpt, "71250" },
        { ValueSetUrls.BreastBiopsy, Coding.Cpt, "19081" },
        { ValueSetUrls.BiRadsAssessment, Coding.Snomed, "146611000146107" },
        { ValueSetUrls.BiRads0, Coding.Snomed, "397138000" },
        { ValueSetUrls.BiRads1, Coding.Snomed, "397140005" },
        { ValueSetUrls.BiRads2, Coding.Snomed, "397141009" },
        { ValueSetUrls.BiRads3, Coding.Snomed, "397143007" },
        { ValueSetUrls.BiRads4, Coding.Snomed, "397144001" },
        { ValueSetUrls.BiRads5, Coding.Snomed, "397145000" },
        { ValueSetUrls.BiRads6, Coding.Snomed, "6111000179101" },
        { ValueSetUrls.LungRadsAssessment, Coding.Snomed, "1362105002" },
        { ValueSetUrls.LungRads1, LungRadsSystem, "1" },
        { ValueSetUrls.LungRads2, LungRadsSystem, "2" },
        { ValueSetUrls.LungRads3, LungRadsSystem, "3" },
        { ValueSetUrls.LungRads4A, LungRadsSystem, "4A" },
        { ValueSetUrls.LungRads4B, LungRadsSystem, "4B" },
        { ValueSetUrls.LungRads4X, LungRadsSystem, "4X" },
        { ValueSetUrls.SmokingStatusObservation, Coding.Loinc, "72166-2" },
        { ValueSetUrls.CurrentSmoker, Coding.Snomed, "449868002" },
        { ValueSetUrls.FormerSmoker, Coding.Snomed, "8517006" },
        { ValueSetUrls.NeverSmoker, Coding.Snomed, "266919005" },
        { ValueSetUrls.PackYearsObservation, Coding.Loinc, "8664-5" },
        { ValueSetUrls.PackYearsObservation, Coding.Snomed, "401201003" },
        { ValueSetUrls.SmokingQuitDateObservation, Coding.Loinc, "74010-0" },
    };

    private const string LungRadsSystem = "https://radequity.org/fhir/CodeSystem/lung-rads-category";

    [Fact]
    public void LoadDefault_EveryMeasureUrl_HasANonEmptyDefault()
    {
        Assert.Equal(61, MeasureUrls.Count);
        Assert.All(MeasureUrls, url =>
        {
            Assert.True(Defaults.TryGet(url, out var set), url);
            Assert.NotEmpty(set.Codes);
            Assert.Equal(url, set.Url);
            Assert.Equal("default", set.Source);
            Assert.False(string.IsNullOrWhiteSpace(set.Name));
            Assert.False(string.IsNullOrWhiteSpace(set.Version));
        });
    }

    [Fact]
    public void LoadDefault_All_IsExactlyTheMeasureUrlsInUrlOrder()
    {
        Assert.Equal(MeasureUrls.Order(StringComparer.Ordinal), Defaults.All.Select(set => set.Url));
    }

    [Fact]
    public void LoadDefault_TwoLoads_AreEqualSetForSetAndCodeForCode()
    {
        var again = ValueSetCatalog.LoadDefault();

        Assert.NotSame(Defaults, again);
        Assert.Equal(Defaults.All.Count, again.All.Count);
        foreach (var (first, second) in Defaults.All.Zip(again.All))
        {
            Assert.Equal((first.Url, first.Name, first.Version, first.Source), (second.Url, second.Name, second.Version, second.Source));
            Assert.Equal(first.Codes, second.Codes);
        }
    }

    [Fact]
    public void DefaultFiles_CptCodes_CarryNoDisplay()
    {
        var assembly = typeof(ValueSetCatalog).Assembly;
        var resources = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("RadEquity.Engine.Terminology.Defaults.", StringComparison.Ordinal))
            .ToArray();
        Assert.Equal(3, resources.Length);

        var cptCodes = 0;
        foreach (var resource in resources)
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var document = JsonDocument.Parse(stream);
            foreach (var coding in CodingObjects(document.RootElement))
            {
                if (coding.TryGetProperty("system", out var system) && system.GetString() == Coding.Cpt)
                {
                    cptCodes++;
                    Assert.False(coding.TryGetProperty("display", out _), $"{resource}: CPT {coding.GetProperty("code").GetString()} carries a display");
                }
            }
        }

        Assert.True(cptCodes > 100, $"only {cptCodes} CPT codes seen; the walk missed the expansions");
    }

    [Theory]
    [MemberData(nameof(GeneratorCodes))]
    public void Contains_CodeTheGeneratorWrites_IsInItsValueSet(string url, string system, string code)
    {
        Assert.True(Defaults.Contains(url, new Coding(system, code)), $"{system}|{code} not in {url}");
    }

    [Fact]
    public void Contains_SameCodeOtherSystem_IsFalse()
    {
        Assert.True(Defaults.Contains(ValueSetUrls.LowDoseCtLungScreening, new Coding(Coding.Cpt, "71271")));
        Assert.False(Defaults.Contains(ValueSetUrls.LowDoseCtLungScreening, new Coding(Coding.Hcpcs, "71271")));
        Assert.False(Defaults.Contains(ValueSetUrls.ChestCt, new Coding(Coding.Cpt, "71271")));
    }

    [Fact]
    public void TryGet_UrlWithVersionSuffix_FindsTheValueSet()
    {
        Assert.True(Defaults.TryGet(ValueSetUrls.Mammography + "|20210304", out var set));
        Assert.Equal(ValueSetUrls.Mammography, set.Url);
        Assert.Same(set, Defaults[ValueSetUrls.Mammography + "|anything"]);
    }

    [Fact]
    public void TryGet_UnknownUrl_ReturnsFalse()
    {
        Assert.False(Defaults.TryGet("http://example.org/ValueSet/unknown", out var set));
        Assert.Null(set);
    }

    [Fact]
    public void Indexer_UnknownUrl_ThrowsNamingTheUrl()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => Defaults["http://example.org/ValueSet/unknown|1"]);

        Assert.Contains("http://example.org/ValueSet/unknown|1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_SameUrl_ReplacesTheWholeSetAndLeavesTheOriginal()
    {
        var official = new ValueSet(ValueSetUrls.OfficeVisit, "OfficeVisit", "2", "official.json", [new Coding(Coding.Cpt, "99213")]);

        var replaced = Defaults.With([official]);

        Assert.Same(official, replaced[ValueSetUrls.OfficeVisit]);
        Assert.False(replaced.Contains(ValueSetUrls.OfficeVisit, new Coding(Coding.Cpt, "99214")));
        Assert.False(replaced.Contains(ValueSetUrls.OfficeVisit, new Coding(Coding.Snomed, "185349003")));
        Assert.True(Defaults.Contains(ValueSetUrls.OfficeVisit, new Coding(Coding.Cpt, "99214")));
        Assert.Same(Defaults[ValueSetUrls.Mammography], replaced[ValueSetUrls.Mammography]);
        Assert.Equal(Defaults.All.Count, replaced.All.Count);
    }

    [Fact]
    public void With_NewUrl_AddsIt()
    {
        var extra = new ValueSet("http://example.org/ValueSet/extra", "Extra", null, "extra.json", [new Coding(Coding.Loinc, "1-1")]);

        var catalog = Defaults.With([extra]);

        Assert.Equal(Defaults.All.Count + 1, catalog.All.Count);
        Assert.True(catalog.Contains("http://example.org/ValueSet/extra|v9", new Coding(Coding.Loinc, "1-1")));
        Assert.False(Defaults.TryGet(extra.Url, out _));
    }

    [Fact]
    public void With_SameUrlTwiceWithDifferentCodes_ThrowsNamingBothSources()
    {
        var a = new ValueSet(ValueSetUrls.Colonoscopy, "Colonoscopy", "1", "cms125.json", [new Coding(Coding.Cpt, "45378")]);
        var b = new ValueSet(ValueSetUrls.Colonoscopy, "Colonoscopy", "2", "cms130.json", [new Coding(Coding.Cpt, "45380")]);

        var error = Assert.Throws<ArgumentException>(() => Defaults.With([a, b]));

        Assert.Contains("cms125.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("cms130.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_SameUrlTwiceWithSameCodes_KeepsTheFirst()
    {
        var a = new ValueSet(ValueSetUrls.Colonoscopy, "Colonoscopy", "1", "cms125.json", [new Coding(Coding.Cpt, "45378")]);
        var b = a with { Source = "cms130.json" };

        var catalog = Defaults.With([a, b]);

        Assert.Same(a, catalog[ValueSetUrls.Colonoscopy]);
    }

    [Fact]
    public void Defaults_SyntheaEncountersOfUnstatedSetting_AreNotQualifyingVisits()
    {
        string[] qualifying =
        [
            ValueSetUrls.OfficeVisit, ValueSetUrls.AnnualWellnessVisit, ValueSetUrls.PreventiveCareEstablished,
            ValueSetUrls.PreventiveCareInitial, ValueSetUrls.HomeHealthcareServices, ValueSetUrls.VirtualEncounter,
            ValueSetUrls.TelephoneVisits,
        ];
        // Synthea also codes inpatient and emergency encounters "Encounter for problem"; see docs/value-sets.md.
        string[] notAdded = ["185347001", "185345009", "390906007", "308335008", "698314001", "410620009", "702927004", "371883000"];

        Assert.All(notAdded, code => Assert.DoesNotContain(qualifying, url => Defaults.Contains(url, new Coding(Coding.Snomed, code))));
    }

    [Fact]
    public void SyntheaAdditions_EachCode_IsInTheDocsAdditionsTable()
    {
        var docs = RepositoryFile(Path.Combine("docs", "value-sets.md"));
        var table = docs[docs.IndexOf("### Synthea additions", StringComparison.Ordinal)..docs.IndexOf("Synthea codes considered", StringComparison.Ordinal)];

        Assert.All(SyntheaAdditions.ByUrl.Values.SelectMany(codes => codes), coding =>
        {
            Assert.Equal(Coding.Snomed, coding.System);
            Assert.Contains($"| SNOMED {coding.Code} |", table, StringComparison.Ordinal);
            Assert.True(Defaults.Contains(SyntheaAdditions.ByUrl.Single(pair => pair.Value.Contains(coding)).Key, coding));
        });
        Assert.Equal(SyntheaAdditions.ByUrl.Values.Sum(codes => codes.Length), table.Split("| SNOMED ").Length - 1);
    }

    private static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return File.ReadAllText(candidate);
            }
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }

    private static IEnumerable<JsonElement> CodingObjects(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (element.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String)
                {
                    yield return element;
                }

                foreach (var property in element.EnumerateObject())
                {
                    foreach (var inner in CodingObjects(property.Value))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var inner in CodingObjects(item))
                    {
                        yield return inner;
                    }
                }

                break;
            default:
                break;
        }
    }
}
