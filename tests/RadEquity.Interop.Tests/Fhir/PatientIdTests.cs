using RadEquity.Engine.Facts;
using RadEquity.Engine.Ingest;

namespace RadEquity.Interop.Tests.Fhir;

/// <summary>Every resource about a patient carries its patient id, with or without a fact.</summary>
public class PatientIdTests
{
    private static ProjectedResource Projected(string json) => Assert.IsType<ProjectedResource>(TestData.Project(json));

    [Fact]
    public void Project_ClaimInNdjson_PatientIdFromPatient() =>
        Assert.Equal("pat-1", Projected("""{"resourceType":"Claim","id":"c1","status":"active","patient":{"reference":"Patient/pat-1"}}""").PatientId);

    [Fact]
    public void Project_ClaimWithResourceTypeNotFirst_PatientIdFromPatient() =>
        Assert.Equal("pat-1", Projected("""{"id":"c1","patient":{"reference":"https://ehr.example/fhir/Patient/pat-1/_history/2"},"resourceType":"Claim"}""").PatientId);

    [Theory]
    [InlineData("""{"resourceType":"DocumentReference","id":"d1","subject":{"reference":"Patient/pat-2"}}""", "pat-2")]
    [InlineData("""{"resourceType":"ExplanationOfBenefit","id":"e1","patient":{"reference":"Patient/pat-3"}}""", "pat-3")]
    [InlineData("""{"resourceType":"Goal","id":"g1","subject":{"reference":"Group/g"},"patient":{"reference":"Patient/pat-4"}}""", "pat-4")]
    [InlineData("""{"resourceType":"Immunization","id":"i1","patient":{"reference":"Patient/pat-5"},"subject":7}""", "pat-5")]
    [InlineData("""{"resourceType":"Organization","id":"o1","name":"Valley Health"}""", null)]
    [InlineData("""{"resourceType":"CarePlan","id":"cp1","subject":{"reference":"Group/g"}}""", null)]
    public void Project_ResourceWithoutFact_PatientIdBySubjectPatientBeneficiary(string json, string? expected) =>
        Assert.Equal(expected, Projected(json).PatientId);

    [Fact]
    public void Project_FactBearingResources_PatientIdMatchesFact()
    {
        var observation = Projected("""{"resourceType":"Observation","id":"o1","status":"final","subject":{"reference":"Patient/pat-6"}}""");
        var patient = Projected("""{"resourceType":"Patient","id":"pat-7","gender":"male"}""");
        var coverage = Projected("""{"resourceType":"Coverage","id":"cv1","beneficiary":{"reference":"Patient/pat-8"}}""");
        var location = Projected("""{"resourceType":"Location","id":"loc-1","name":"Main"}""");

        Assert.Equal("pat-6", observation.PatientId);
        Assert.Equal("pat-6", Assert.IsType<ClinicalEvent>(observation.Fact).PatientId);
        Assert.Equal("pat-7", patient.PatientId);
        Assert.Equal("pat-8", coverage.PatientId);
        Assert.Null(location.PatientId);
    }

    [Fact]
    public void Read_ImmunizationInBundle_PatientIdFromUrnUuid()
    {
        var (items, _) = TestData.Read(TestData.File("patient-id", "immunization-bundle.json"));
        var resources = items.OfType<ProjectedResource>().ToDictionary(r => r.Key.ResourceId);

        Assert.Equal("pat-imm", resources["imm-1"].PatientId);
        Assert.Equal("pat-imm", resources["pat-imm"].PatientId);
        Assert.Null(resources["claim-imm"].PatientId);
    }
}
