using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Ingest;
using RadEquity.Interop.Fhir;
using RadEquity.Interop.Ingest;

namespace RadEquity.Interop.Tests.Fhir;

/// <summary>The forward pass must give exactly what the document path gives: same facts, same quarantines.</summary>
public class ForwardProjectionTests
{
    private static readonly string[] Samples =
    [
        TestData.File("fhir", "clinical.ndjson"), TestData.File("fhir", "coverage.ndjson"),
        TestData.File("fhir", "patients.ndjson"), TestData.File("fhir", "scheduling.ndjson"),
        TestData.File("fhir", "bad.ndjson"), TestData.File("bulk", "Encounter.000.ndjson"),
        TestData.File("bulk", "Patient.000.ndjson"),
    ];

    private static readonly JsonNode?[] Replacements =
        [JsonValue.Create(42), JsonValue.Create("x"), JsonValue.Create("2023-02-30"), null, new JsonArray(), new JsonObject(),
         new JsonArray(JsonValue.Create(1)), new JsonObject { ["reference"] = 7 }, new JsonObject { ["coding"] = new JsonObject() }];

    [Fact]
    public void ReadLine_SampleFiles_ForwardAndDocumentPathsAgree()
    {
        var compared = 0;
        foreach (var file in Samples)
        {
            foreach (var line in File.ReadLines(file).Where(l => !string.IsNullOrWhiteSpace(l)))
            {
                AssertSame(line);
                compared++;
            }
        }

        Assert.True(compared > 30, "too few lines compared");
    }

    [Fact]
    public void ReadLine_EveryPropertyDamaged_ForwardAndDocumentPathsAgree()
    {
        var forwardLines = 0;
        foreach (var line in File.ReadLines(TestData.File("fhir", "clinical.ndjson"))
                     .Concat(File.ReadLines(TestData.File("fhir", "coverage.ndjson")))
                     .Concat(File.ReadLines(TestData.File("fhir", "patients.ndjson")))
                     .Concat(File.ReadLines(TestData.File("bulk", "Patient.000.ndjson")).Take(3)))
        {
            if (JsonNode.Parse(line) is not JsonObject resource ||
                !ForwardProjection.Handles(resource["resourceType"]!.GetValue<string>()))
            {
                continue;
            }

            forwardLines++;
            foreach (var path in Paths(resource, string.Empty))
            {
                foreach (var replacement in Replacements)
                {
                    var copy = JsonNode.Parse(line)!;
                    Replace(copy, path, replacement?.DeepClone());
                    AssertSame(copy.ToJsonString());
                }
            }
        }

        Assert.True(forwardLines > 5, "too few forward-projected lines");
    }

    [Fact]
    public void ReadLine_DuplicateAndTrailingInput_ForwardAndDocumentPathsAgree()
    {
        AssertSame("""{"resourceType":"Observation","id":"o1","status":"final","subject":{"reference":"Patient/a"},"subject":{"reference":"Patient/b"}}""");
        AssertSame("""{"resourceType":"Observation","id":"o1","subject":{"reference":"Patient/a"}} {}""");
        AssertSame("""{"resourceType":"Observation","id":"o1","subject":{"reference":"Patient/a"},"code":{"coding":[{"code":"1","code":"2"}]}}""");
        AssertSame("""{"resourceType":"Observation","id":"o1","subject":{"reference":"Group/a"}}""");
        AssertSame("""{"resourceType":"Observation","id":"o1","subject":{"reference":"Patient/a"},"st\u0061tus":"final"}""");
        AssertSame("""{"resourceType":"Observation","subject":{"reference":"Patient/a"}}""");
    }

    [Theory]
    [InlineData("clinical.ndjson")]
    [InlineData("coverage.ndjson")]
    [InlineData("patients.ndjson")]
    public void TryProject_WellFormedSamples_TakeTheForwardPath(string file)
    {
        var projector = new ResourceProjector("test");
        var context = new ReadContext(new IngestOptions(), CancellationToken.None);
        var declined = new List<string>();
        var forward = 0;
        foreach (var line in File.ReadLines(TestData.File("fhir", file)).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            if (HeaderProjection.LeadingResourceType(bytes) is not { } type || !ForwardProjection.Handles(type) ||
                NdjsonReader.ReadLine(bytes, new RecordLocation(file, 1), context, forward: false) is not ProjectedResource)
            {
                continue;
            }

            if (ForwardProjection.TryProject(type, bytes, new RecordLocation(file, 1), projector) is null)
            {
                declined.Add(line[..Math.Min(line.Length, 80)]);
            }
            else
            {
                forward++;
            }
        }

        Assert.Empty(declined);
        Assert.True(forward > 0);
    }

    [Fact]
    public void ReadLine_Observation_TakesTheForwardPath()
    {
        var line = """{"resourceType":"Observation","id":"o1","status":"final","subject":{"reference":"Patient/a"}}"""u8.ToArray();

        var projected = ForwardProjection.TryProject("Observation", line, new RecordLocation("x", 1), new ResourceProjector("test"));

        Assert.Equal("a", Assert.IsType<ProjectedResource>(projected).PatientId);
    }

    [Theory]
    [InlineData("""{"resourceType":"Condition","id":"c","subject":{"reference":"Patient/p"},"clinicalStatus":{"coding":[{"code":"active"}]},"verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"refuted"}]}}""", "refuted")]
    [InlineData("""{"resourceType":"Condition","id":"c","subject":{"reference":"Patient/p"},"clinicalStatus":{"coding":[{"code":"active"}]},"verificationStatus":{"coding":[{"code":"unconfirmed"}]}}""", "active")]
    public void ReadLine_ConditionVerification_RefutedOverridesClinicalStatusOnBothPaths(string line, string status)
    {
        foreach (var forward in new[] { true, false })
        {
            var item = NdjsonReader.ReadLine(Encoding.UTF8.GetBytes(line), new RecordLocation("c.ndjson", 1),
                new ReadContext(new IngestOptions(), CancellationToken.None), forward);

            Assert.Equal(status, Assert.IsType<ClinicalEvent>(Assert.IsType<ProjectedResource>(item).Fact).Status);
        }
    }

    [Theory]
    [InlineData("248152002", "male", AdministrativeSex.Female)]
    [InlineData("248153007", "female", AdministrativeSex.Male)]
    [InlineData("UNK", "female", AdministrativeSex.Female)]
    public void ReadLine_UsCoreSexExtension_TakesPrecedenceOverGenderOnBothPaths(string code, string gender, AdministrativeSex expected)
    {
        var line = $$"""{"resourceType":"Patient","id":"p","gender":"{{gender}}","extension":[{"url":"http://hl7.org/fhir/us/core/StructureDefinition/us-core-sex","valueCode":"{{code}}"}]}""";
        foreach (var forward in new[] { true, false })
        {
            var item = NdjsonReader.ReadLine(Encoding.UTF8.GetBytes(line), new RecordLocation("p.ndjson", 1),
                new ReadContext(new IngestOptions(), CancellationToken.None), forward);

            Assert.Equal(expected, Assert.IsType<PatientFact>(Assert.IsType<ProjectedResource>(item).Fact).Sex);
        }
    }

    private static void AssertSame(string line)
    {
        var context = new ReadContext(new IngestOptions(), CancellationToken.None);
        var bytes = Encoding.UTF8.GetBytes(line);
        var location = new RecordLocation("same.ndjson", 1);
        var forward = NdjsonReader.ReadLine(bytes, location, context, forward: true);
        var document = NdjsonReader.ReadLine(bytes, location, context, forward: false);
        Assert.Equal(Describe(document), Describe(forward));
    }

    private static string Describe(IngestItem item) => item switch
    {
        ProjectedResource p => JsonSerializer.Serialize(new
        {
            p.Key,
            p.VersionId,
            p.LastUpdated,
            p.PatientId,
            Fact = p.Fact is null ? null : JsonSerializer.Serialize(p.Fact, p.Fact.GetType()),
        }),
        QuarantinedRecord q => q.ToString(),
        _ => item.ToString(),
    };

    /// <summary>Every property path in a resource except resourceType (a list of keys and indices).</summary>
    private static IEnumerable<List<object>> Paths(JsonNode node, string name)
    {
        _ = name;
        var stack = new Stack<(JsonNode Node, List<object> Path)>();
        stack.Push((node, []));
        while (stack.Count > 0)
        {
            var (current, path) = stack.Pop();
            if (current is JsonObject obj)
            {
                foreach (var (key, value) in obj)
                {
                    if (key == "resourceType" && path.Count == 0)
                    {
                        continue;
                    }

                    var child = new List<object>(path) { key };
                    yield return child;
                    if (value is not null)
                    {
                        stack.Push((value, child));
                    }
                }
            }
            else if (current is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    var child = new List<object>(path) { i };
                    yield return child;
                    if (array[i] is { } value)
                    {
                        stack.Push((value, child));
                    }
                }
            }
        }
    }

    private static void Replace(JsonNode root, List<object> path, JsonNode? value)
    {
        var parent = root;
        for (var i = 0; i < path.Count - 1; i++)
        {
            parent = path[i] is string key ? parent[key]! : parent[(int)path[i]]!;
        }

        if (path[^1] is string last)
        {
            parent[last] = value;
        }
        else
        {
            parent[(int)path[^1]] = value;
        }
    }
}
