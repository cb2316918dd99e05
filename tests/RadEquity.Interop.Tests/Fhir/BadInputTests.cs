using RadEquity.Engine.Ingest;

namespace RadEquity.Interop.Tests.Fhir;

public class BadInputTests
{
    private static readonly string File = TestData.File("fhir", "bad.ndjson");
    private static readonly List<IngestItem> Items = TestData.Read(File).Items;

    [Fact]
    public void Read_BadLines_GoodLinesStillLoad()
    {
        Assert.Equal(["good-1", "good-2"], Items.OfType<ProjectedResource>().Select(r => r.Key.ResourceId));
        Assert.Equal(11, Items.OfType<ProjectedResource>().Last().Location.Line);
        Assert.Equal(8, Items.OfType<QuarantinedRecord>().Count());
    }

    [Theory]
    [InlineData(2, null, null, null, "invalid JSON")]
    [InlineData(3, "resourceType", null, null, "resourceType is missing")]
    [InlineData(4, "id", "Patient", null, "id is missing")]
    [InlineData(5, "birthDate", "Patient", "bad-date", "not a valid FHIR date")]
    [InlineData(6, "birthDate", "Patient", "number-date", "expected a string, found a number")]
    [InlineData(7, "subject", "Observation", "no-subject", "subject is missing")]
    [InlineData(8, "subject.reference", "Observation", "unresolved", "urn")]
    [InlineData(9, "performedDateTime", "Procedure", "bad-performed", "not a valid FHIR dateTime")]
    public void Read_BadLine_QuarantinedWithFileLineFieldAndReason(int line, string? field, string? type, string? id, string reason)
    {
        var q = TestData.Quarantined(Items, line);

        Assert.Equal(new RecordLocation(File, line, field), q.Location);
        Assert.Equal(type, q.ResourceType);
        Assert.Equal(id, q.ResourceId);
        Assert.Contains(reason, q.Reason, StringComparison.Ordinal);
        Assert.Equal("default", q.Source);
        Assert.NotNull(q.Excerpt);
        Assert.InRange(q.Excerpt.Length, 1, 200);
    }

    [Fact]
    public void Quarantine_LongRecord_ExcerptCappedAt200Chars()
    {
        var item = TestData.Project("""{"resourceType":"Patient","id":"x","birthDate":"1999-99-99","text":{"div":" """ + new string('y', 1000) + "\"}}");

        var q = Assert.IsType<QuarantinedRecord>(item);
        Assert.Equal(200, q.Excerpt!.Length);
    }

    [Theory]
    [InlineData("""{"resourceType":"Patient","id":"x","gender":"woman"}""", "gender")]
    [InlineData("""{"resourceType":"Patient","id":"x","extension":"nope"}""", "extension")]
    [InlineData("""{"resourceType":"Observation","id":"x","subject":{"reference":"Group/g1"}}""", "subject.reference")]
    [InlineData("""{"resourceType":"Observation","id":"x","subject":{"reference":"Patient/p"},"valueQuantity":{"value":"12"}}""", "valueQuantity.value")]
    [InlineData("""{"resourceType":"Appointment","id":"x","status":"booked","participant":[{"actor":{"reference":"Practitioner/d"}}]}""", "participant.actor")]
    [InlineData("""{"resourceType":"Coverage","id":"x","beneficiary":{"reference":"Patient/p"},"period":{"start":"2024-02-29T25:00:00Z"}}""", "period.start")]
    [InlineData("""{"resourceType":"Patient","id":"x","meta":{"lastUpdated":"yesterday"}}""", "meta.lastUpdated")]
    [InlineData("""["resourceType","Patient"]""", null)]
    public void Project_WrongShape_QuarantinedWithField(string json, string? field)
    {
        var q = Assert.IsType<QuarantinedRecord>(TestData.Project(json));

        Assert.Equal(field, q.Location.Field);
    }

    [Theory]
    [InlineData("""{"resourceType":"Claim","status":"active"}""", "id", "id is missing")]
    [InlineData("""{"resourceType":"Claim","id":7}""", "id", "expected a string")]
    [InlineData("""{"resourceType":"Claim","id":"c","meta":{"lastUpdated":"2023-02-30T00:00:00Z"}}""", "meta.lastUpdated", "not a valid FHIR dateTime")]
    [InlineData("""{"resourceType":"Claim","id":"c","total":{"value":1}""", null, "invalid JSON")]
    [InlineData("""{"resourceType":"Claim","id":"c"} {"x":1}""", null, "invalid JSON")]
    public void Project_FactlessFastPath_SameQuarantineRules(string json, string? field, string reason)
    {
        var q = Assert.IsType<QuarantinedRecord>(TestData.Project(json));

        Assert.Equal(field, q.Location.Field);
        Assert.Contains(reason, q.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Project_FactlessFastPath_KeyAndMetaRead()
    {
        var r = Assert.IsType<ProjectedResource>(TestData.Project(
            """{"resourceType":"ExplanationOfBenefit","id":"eob-1","status":"active","meta":{"versionId":"2","lastUpdated":"2025-01-01T00:00:00Z"},"item":[{"sequence":1}]}"""));

        Assert.Equal(new Engine.Facts.ResourceKey("test", "ExplanationOfBenefit", "eob-1"), r.Key);
        Assert.Equal("2", r.VersionId);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), r.LastUpdated);
        Assert.Null(r.Fact);
    }

    [Theory]
    [InlineData("2024-02-29", true)]
    [InlineData("2023-02-29", false)]
    [InlineData("2023-04-31", false)]
    [InlineData("2023-00-10", false)]
    [InlineData("2023-06", true)]
    [InlineData("2023", true)]
    [InlineData("2023-06-01T10:00:00+02:00", true)]
    [InlineData("2023-06-01T10:00:00.123Z", true)]
    [InlineData("2023-06-01T24:00:00Z", false)]
    [InlineData("2023-06-01 10:00", false)]
    [InlineData("06/01/2023", false)]
    public void FhirDates_TryParse_ValidatesCalendar(string text, bool valid) =>
        Assert.Equal(valid, RadEquity.Interop.Fhir.FhirDates.TryParse(text, out _));
}
