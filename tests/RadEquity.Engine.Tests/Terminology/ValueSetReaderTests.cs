using System.Text;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Terminology;

namespace RadEquity.Engine.Tests.Terminology;

public sealed class ValueSetReaderTests
{
    private const string Source = "valuesets.json";

    [Fact]
    public void Read_BundleWithNestedContains_ReturnsEveryCodeOnceInOrder()
    {
        const string json = """
            {
              "resourceType": "Bundle",
              "type": "transaction",
              "entry": [
                { "resource": { "resourceType": "Library", "id": "skipped" } },
                { "resource": {
                    "resourceType": "ValueSet",
                    "url": "http://example.org/ValueSet/a",
                    "name": "A",
                    "version": "20240101",
                    "expansion": { "timestamp": "2024-01-01T00:00:00Z", "contains": [
                      { "system": "http://loinc.org", "code": "1-1" },
                      { "abstract": true, "display": "group", "contains": [
                        { "system": "http://snomed.info/sct", "code": "22" },
                        { "system": "http://loinc.org", "version": "2.77", "code": "1-1" },
                        { "system": "http://snomed.info/sct", "code": "33", "abstract": true,
                          "contains": [ { "system": "http://snomed.info/sct", "code": "44" } ] }
                      ] }
                    ] } } },
                { "resource": {
                    "resourceType": "ValueSet",
                    "url": "http://example.org/ValueSet/b",
                    "title": "B title",
                    "expansion": { "timestamp": "2024-01-01T00:00:00Z", "contains": [ { "system": "http://loinc.org", "code": "2-2" } ] } } }
              ]
            }
            """;

        var sets = Read(json);

        Assert.Equal(2, sets.Count);
        var a = sets[0];
        Assert.Equal("http://example.org/ValueSet/a", a.Url);
        Assert.Equal("A", a.Name);
        Assert.Equal("20240101", a.Version);
        Assert.Equal(Source, a.Source);
        Assert.Equal(
            [new Coding(Coding.Loinc, "1-1"), new Coding(Coding.Snomed, "22"), new Coding(Coding.Snomed, "44")],
            a.Codes);
        Assert.Equal("B title", sets[1].Name);
        Assert.Null(sets[1].Version);
        Assert.Equal([new Coding(Coding.Loinc, "2-2")], sets[1].Codes);
    }

    [Fact]
    public void Read_SingleValueSet_ReturnsIt()
    {
        const string json = """
            { "resourceType": "ValueSet", "url": "http://example.org/ValueSet/single", "name": "Single",
              "expansion": { "contains": [ { "system": "http://www.ama-assn.org/go/cpt", "code": "71271" } ] } }
            """;

        var set = Assert.Single(Read(json));

        Assert.Equal("Single", set.Name);
        Assert.Equal([new Coding(Coding.Cpt, "71271")], set.Codes);
    }

    [Fact]
    public void Read_ComposeOnly_UsesIncludedConceptsMinusExcluded()
    {
        const string json = """
            { "resourceType": "ValueSet", "url": "http://example.org/ValueSet/compose", "name": "Compose",
              "compose": {
                "include": [
                  { "system": "http://snomed.info/sct", "concept": [ { "code": "248152002" }, { "code": "248153007" } ] },
                  { "system": "http://loinc.org", "concept": [ { "code": "LA3-6" } ] }
                ],
                "exclude": [ { "system": "http://snomed.info/sct", "concept": [ { "code": "248153007" } ] } ]
              } }
            """;

        var set = Assert.Single(Read(json));

        Assert.Equal([new Coding(Coding.Snomed, "248152002"), new Coding(Coding.Loinc, "LA3-6")], set.Codes);
    }

    [Fact]
    public void Read_ExpansionPreferredOverCompose_UsesExpansion()
    {
        const string json = """
            { "resourceType": "ValueSet", "url": "http://example.org/ValueSet/both", "name": "Both",
              "compose": { "include": [ { "system": "http://snomed.info/sct", "filter": [ { "property": "concept", "op": "is-a", "value": "1" } ] } ] },
              "expansion": { "contains": [ { "system": "http://snomed.info/sct", "code": "2" } ] } }
            """;

        Assert.Equal([new Coding(Coding.Snomed, "2")], Assert.Single(Read(json)).Codes);
    }

    [Fact]
    public void Read_EmptyExpansionWithoutCompose_ReturnsEmptySet()
    {
        const string json = """
            { "resourceType": "ValueSet", "url": "http://example.org/ValueSet/empty", "name": "Empty",
              "expansion": { "timestamp": "2024-01-01T00:00:00Z", "total": 0 } }
            """;

        Assert.Empty(Assert.Single(Read(json)).Codes);
    }

    [Fact]
    public void Read_NestedEntryWithoutCode_ThrowsNamingSourceAndPath()
    {
        const string json = """
            { "resourceType": "Bundle", "entry": [
              { "resource": { "resourceType": "ValueSet", "url": "http://example.org/ValueSet/a",
                  "expansion": { "contains": [ { "system": "http://loinc.org", "code": "1-1" } ] } } },
              { "resource": { "resourceType": "ValueSet", "url": "http://example.org/ValueSet/b",
                  "expansion": { "contains": [ { "display": "group", "contains": [
                    { "system": "http://loinc.org", "code": "1-1" },
                    { "system": "http://loinc.org", "display": "no code" } ] } ] } } } ] }
            """;

        var error = Assert.Throws<InvalidDataException>(() => Read(json));

        Assert.Equal("valuesets.json: entry[1].resource.expansion.contains[0].contains[1]: 'code' is missing", error.Message);
    }

    [Fact]
    public void Read_CodeWithoutSystem_ThrowsNamingThePath()
    {
        const string json = """
            { "resourceType": "ValueSet", "url": "http://example.org/ValueSet/a",
              "expansion": { "contains": [ { "system": "http://loinc.org", "code": "1-1" }, { "code": "2-2" } ] } }
            """;

        var error = Assert.Throws<InvalidDataException>(() => Read(json));

        Assert.Equal("valuesets.json: expansion.contains[1]: 'system' is missing", error.Message);
    }

    [Fact]
    public void Read_ComposeWithFilter_ThrowsInsteadOfReadingTooFewCodes()
    {
        const string json = """
            { "resourceType": "Bundle", "entry": [ { "resource": { "resourceType": "ValueSet", "url": "http://example.org/ValueSet/a",
              "compose": { "include": [ { "system": "http://snomed.info/sct", "filter": [ { "property": "concept", "op": "is-a", "value": "1" } ] } ] } } } ] }
            """;

        var error = Assert.Throws<InvalidDataException>(() => Read(json));

        Assert.StartsWith("valuesets.json: entry[0].resource.compose.include[0]: 'filter' needs a terminology server", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WholeCodeSystemInclude_Throws()
    {
        const string json = """
            { "resourceType": "ValueSet", "url": "http://example.org/ValueSet/a", "compose": { "include": [ { "system": "http://loinc.org" } ] } }
            """;

        var error = Assert.Throws<InvalidDataException>(() => Read(json));

        Assert.StartsWith("valuesets.json: compose.include[0]: has no 'concept' list", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ValueSetWithoutUrl_Throws()
    {
        const string json = """{ "resourceType": "Bundle", "entry": [ { "resource": { "resourceType": "ValueSet", "name": "NoUrl", "expansion": { "contains": [] } } } ] }""";

        var error = Assert.Throws<InvalidDataException>(() => Read(json));

        Assert.Equal("valuesets.json: entry[0].resource: 'url' is missing", error.Message);
    }

    [Fact]
    public void Read_ValueSetWithoutCodes_Throws()
    {
        const string json = """{ "resourceType": "ValueSet", "url": "http://example.org/ValueSet/a" }""";

        var error = Assert.Throws<InvalidDataException>(() => Read(json));

        Assert.Equal("valuesets.json: has neither 'expansion.contains' nor 'compose.include'", error.Message);
    }

    [Fact]
    public void Read_CodeOfWrongType_Throws()
    {
        const string json = """{ "resourceType": "ValueSet", "url": "http://example.org/ValueSet/a", "expansion": { "contains": [ { "system": "http://loinc.org", "code": 12 } ] } }""";

        var error = Assert.Throws<InvalidDataException>(() => Read(json));

        Assert.Equal("valuesets.json: expansion.contains[0]: 'code' is not a string", error.Message);
    }

    [Fact]
    public void Read_BundleWithoutValueSets_Throws()
    {
        const string json = """{ "resourceType": "Bundle", "entry": [ { "resource": { "resourceType": "Library" } } ] }""";

        var error = Assert.Throws<InvalidDataException>(() => Read(json));

        Assert.Equal("valuesets.json: the Bundle contains no ValueSet", error.Message);
    }

    [Fact]
    public void Read_OtherResourceType_Throws()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read("""{ "resourceType": "Patient" }"""));

        Assert.Equal("valuesets.json: resourceType is 'Patient'; expected ValueSet or Bundle", error.Message);
    }

    [Fact]
    public void Read_MalformedJson_ThrowsNamingSource()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read("""{ "resourceType": "ValueSet", """));

        Assert.StartsWith("valuesets.json: not valid JSON: ", error.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<ValueSet> Read(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return ValueSetCatalog.Read(stream, Source);
    }
}
