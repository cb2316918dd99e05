using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace RadEquity.Interop.Tests.Synthetic;

public sealed class FhirConformanceTests(SmallSampleFixture fixture) : IClassFixture<SmallSampleFixture>
{
    private const string CdcRace = "urn:oid:2.16.840.1.113883.6.238";
    private const string NullFlavor = "http://terminology.hl7.org/CodeSystem/v3-NullFlavor";
    private static readonly string[] Types =
    [
        "Patient", "Coverage", "Encounter", "Procedure", "ImagingStudy", "DiagnosticReport", "Observation",
        "Condition", "Appointment", "Organization", "Location",
    ];

    private static readonly string[] Urls = ["us-core-race", "us-core-ethnicity"];
    private static readonly string[] BirthSexes = ["F", "M"];
    private static readonly string[] SoptCodes = ["1", "2", "3", "5", "6", "8", "81"];
    private readonly SampleExport _sample = fixture.Export;

    [Fact]
    public void Generate_EveryResource_ParsesWithFirelyInStrictMode()
    {
        var deserializer = new FhirJsonDeserializer(new DeserializerSettings().UsingMode(DeserializationMode.Strict));
        var parsed = 0;
        foreach (var type in Types)
        {
            foreach (var line in File.ReadLines(Path.Combine(_sample.Directory, type + ".ndjson")))
            {
                var resource = deserializer.DeserializeResource(line);
                Assert.Equal(type, resource.TypeName);
                parsed++;
            }
        }

        Assert.True(parsed > 2000, $"only {parsed} resources");
    }

    [Fact]
    public void Generate_Patients_HaveUsCoreEssentials()
    {
        var deserializer = new FhirJsonDeserializer(new DeserializerSettings().UsingMode(DeserializationMode.Strict));
        var nullFlavours = new HashSet<string>(StringComparer.Ordinal);
        var multiracial = 0;
        foreach (var line in File.ReadLines(Path.Combine(_sample.Directory, "Patient.ndjson")))
        {
            var p = (Patient)deserializer.DeserializeResource(line);
            Assert.NotEmpty(p.Identifier);
            Assert.False(string.IsNullOrEmpty(p.Identifier[0].System));
            Assert.NotEmpty(p.Name);
            Assert.NotNull(p.Gender);
            Assert.NotNull(p.BirthDate);
            Assert.Matches("^[0-9]{5}$", p.Address[0].PostalCode);
            Assert.NotNull(p.Address[0].GetExtension("http://hl7.org/fhir/StructureDefinition/geolocation"));
            Assert.Equal("urn:ietf:bcp:47", p.Communication[0].Language.Coding[0].System);
            foreach (var url in Urls)
            {
                Extension? ext = p.GetExtension("http://hl7.org/fhir/us/core/StructureDefinition/" + url);
                Assert.NotNull(ext);
                var omb = ext!.Extension.Where(e => e.Url == "ombCategory").Select(e => (Coding)e.Value!).ToList();
                Assert.NotEmpty(omb);
                Assert.Single(ext.Extension, e => e.Url == "text");
                foreach (var c in omb)
                {
                    if (c.Code is "UNK" or "ASKU")
                    {
                        Assert.Equal(NullFlavor, c.System);
                        nullFlavours.Add(c.Code);
                    }
                    else
                    {
                        Assert.Equal(CdcRace, c.System);
                    }
                }

                if (url == "us-core-race" && omb.Count > 1)
                {
                    multiracial++;
                }
            }

            var birthSex = p.GetExtension("http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex");
            Assert.NotNull(birthSex);
            Assert.Contains(((Code)birthSex!.Value!).Value, BirthSexes);
        }

        Assert.Equal(["ASKU", "UNK"], nullFlavours.Order(StringComparer.Ordinal));
        Assert.True(multiracial > 0, "no multiracial patient in the sample");
    }

    [Fact]
    public void Generate_Coverage_HasStatusBeneficiaryPayorAndSoptType()
    {
        var coverages = _sample.Resources("Coverage").ToList();
        Assert.InRange(coverages.Count, 200, 299);
        foreach (var c in coverages)
        {
            Assert.Equal("active", c.GetProperty("status").GetString());
            Assert.StartsWith("Patient/", c.GetProperty("beneficiary").GetProperty("reference").GetString(), StringComparison.Ordinal);
            Assert.True(c.GetProperty("payor").GetArrayLength() > 0);
            var type = c.GetProperty("type").GetProperty("coding")[0];
            Assert.Equal("urn:oid:2.16.840.1.113883.3.221.5", type.GetProperty("system").GetString());
            Assert.Contains(type.GetProperty("code").GetString(), SoptCodes);
            Assert.True(c.GetProperty("period").TryGetProperty("start", out _));
        }
    }

    [Fact]
    public void Generate_Observations_HaveStatusCategoryCodeSubjectAndEffective()
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in _sample.Resources("Observation"))
        {
            Assert.Equal("final", o.GetProperty("status").GetString());
            Assert.True(o.GetProperty("category").GetArrayLength() > 0);
            codes.Add(o.GetProperty("code").GetProperty("coding")[0].GetProperty("code").GetString()!);
            Assert.StartsWith("Patient/", o.GetProperty("subject").GetProperty("reference").GetString(), StringComparison.Ordinal);
            Assert.True(o.TryGetProperty("effectiveDateTime", out _));
            Assert.True(o.TryGetProperty("valueCodeableConcept", out _) || o.TryGetProperty("valueQuantity", out _) ||
                o.TryGetProperty("valueDateTime", out _));
        }

        Assert.Contains("72166-2", codes);
        Assert.Contains("8664-5", codes);
        Assert.Contains("74010-0", codes);
        Assert.Contains("146611000146107", codes);
    }

    [Fact]
    public void Generate_EveryReference_ResolvesToAWrittenResource()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in Types)
        {
            foreach (var r in _sample.Resources(type))
            {
                Assert.True(ids.Add(type + "/" + r.GetProperty("id").GetString()), "duplicate id");
            }
        }

        var references = 0;
        foreach (var type in Types)
        {
            foreach (var r in _sample.Resources(type))
            {
                foreach (var reference in References(r))
                {
                    Assert.True(ids.Contains(reference), $"{type}/{r.GetProperty("id").GetString()} refers to missing {reference}");
                    references++;
                }
            }
        }

        Assert.True(references > ids.Count, "too few references checked");
    }

    [Fact]
    public void Generate_Locations_IncludeAMobileUnitOwnedByThePractice()
    {
        var locations = _sample.Resources("Location").ToList();
        var mobile = Assert.Single(locations, l => l.GetProperty("physicalType").GetProperty("coding")[0].GetProperty("code").GetString() == "ve");
        Assert.Equal("http://terminology.hl7.org/CodeSystem/location-physical-type",
            mobile.GetProperty("physicalType").GetProperty("coding")[0].GetProperty("system").GetString());
        Assert.All(locations, l =>
        {
            Assert.Equal("Organization/org-practice", l.GetProperty("managingOrganization").GetProperty("reference").GetString());
            Assert.True(l.GetProperty("position").TryGetProperty("latitude", out _));
        });
    }

    private static IEnumerable<string> References(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Name == "reference" && p.Value.ValueKind == JsonValueKind.String)
                    {
                        yield return p.Value.GetString()!;
                    }
                    else
                    {
                        foreach (var r in References(p.Value))
                        {
                            yield return r;
                        }
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    foreach (var r in References(item))
                    {
                        yield return r;
                    }
                }

                break;
            default:
                break;
        }
    }
}
