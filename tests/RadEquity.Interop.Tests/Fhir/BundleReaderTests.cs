using RadEquity.Engine.Facts;
using RadEquity.Engine.Ingest;

namespace RadEquity.Interop.Tests.Fhir;

public class BundleReaderTests
{
    [Fact]
    public void Read_TransactionBundle_ResolvesUrnUuidReferences()
    {
        var (items, _) = TestData.Read(TestData.File("fhir", "transaction-bundle.json"));

        var encounter = TestData.Fact<ClinicalEvent>(items, "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
        Assert.Equal("7f3b6a52-0a3c-4c5e-9f0e-2b5c1d9e8a01", encounter.PatientId);
        Assert.Equal(3, items.OfType<ProjectedResource>().Single(r => r.Key.ResourceType == "Encounter").Location.Line);
    }

    [Fact]
    public void Read_TransactionEntryWithoutId_UsesFullUrlUuid()
    {
        var (items, _) = TestData.Read(TestData.File("fhir", "transaction-bundle.json"));

        var observation = TestData.Fact<ClinicalEvent>(items, "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9");
        Assert.Equal("8517006", Assert.Single(observation.ValueCodes).Code);
        Assert.Equal("7f3b6a52-0a3c-4c5e-9f0e-2b5c1d9e8a01", observation.PatientId);
    }

    [Fact]
    public void Read_DeleteEntry_BecomesDeletedResource()
    {
        var (items, _) = TestData.Read(TestData.File("fhir", "transaction-bundle.json"));

        var deleted = Assert.Single(items.OfType<DeletedResource>());
        Assert.Equal(new ResourceKey("default", "Appointment", "appt-old-7"), deleted.Key);
        Assert.Equal(5, deleted.Location.Line);
        Assert.Equal(5, items.Count);
    }

    [Fact]
    public void Read_CollectionBundle_ResolvesAbsoluteFullUrls()
    {
        var (items, _) = TestData.Read(TestData.File("fhir", "collection-bundle.json"));

        Assert.Equal("p-100", TestData.Fact<ClinicalEvent>(items, "ct-1").PatientId);
        Assert.Equal(2, items.OfType<ProjectedResource>().Count());
    }

    [Fact]
    public void Read_BatchBundle_PutAndDeleteAndConditionalDeleteQuarantined()
    {
        var (items, _) = TestData.Read(TestData.File("fhir", "batch-bundle.json"));

        Assert.Equal("p-200", TestData.Fact<AppointmentFact>(items, "appt-200").PatientId);
        Assert.Equal("obs-9", Assert.Single(items.OfType<DeletedResource>()).Key.ResourceId);
        var q = TestData.Quarantined(items, 4);
        Assert.Equal("request.url", q.Location.Field);
    }

    [Fact]
    public void Read_SearchsetBundle_SkipsOutcomeEntries()
    {
        var (items, _) = TestData.Read(TestData.File("fhir", "searchset-bundle.json"));

        Assert.Equal(["Patient", "Coverage"], items.OfType<ProjectedResource>().Select(r => r.Key.ResourceType));
        Assert.Equal(PayerCategory.Private, TestData.Fact<CoverageFact>(items, "c-300").Category);
        Assert.Empty(items.OfType<QuarantinedRecord>());
    }

    [Fact]
    public void Read_SingleResourceJson_OneResource()
    {
        var (items, _) = TestData.Read(TestData.File("fhir", "single-resource.json"));

        var p = TestData.Fact<PatientFact>(items, "p-single");
        Assert.Equal(AdministrativeSex.Other, p.Sex);
    }

    [Fact]
    public void Read_JsonNotFhir_SkippedWithMessage()
    {
        var (items, messages) = TestData.Read(TestData.File("fhir", "ground-truth.json"));

        Assert.Empty(items);
        Assert.Contains("neither a FHIR Bundle nor a resource", Assert.Single(messages), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BundleUnresolvableUrn_QuarantinedWithEntryIndex()
    {
        using var folder = TestData.TempFolder();
        var path = folder.File("b.json");
        File.WriteAllText(path, """
            {"resourceType":"Bundle","type":"transaction","entry":[
              {"fullUrl":"urn:uuid:1","resource":{"resourceType":"Patient","id":"1"}},
              {"fullUrl":"urn:uuid:2","resource":{"resourceType":"Condition","id":"2","subject":{"reference":"urn:uuid:9"}}}]}
            """);

        var (items, _) = TestData.Read(path);

        var q = TestData.Quarantined(items, 2);
        Assert.Equal("subject.reference", q.Location.Field);
        Assert.Equal(("Condition", "2"), (q.ResourceType, q.ResourceId));
        Assert.Contains("urn", q.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BundleOverCap_QuarantinedNotLoaded()
    {
        var (items, _) = TestData.Read(TestData.File("fhir", "collection-bundle.json"), new() { MaxRecordBytes = 100 });

        var q = Assert.IsType<QuarantinedRecord>(Assert.Single(items));
        Assert.Contains("exceeds the 100-byte record cap", q.Reason, StringComparison.Ordinal);
    }
}
