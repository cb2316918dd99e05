using RadEquity.Engine.Ingest;

namespace RadEquity.Interop.Tests.Fhir;

/// <summary>Quarantine reasons are shown on pages and in summaries: they name the place and the rule, never the value.</summary>
public sealed class QuarantinePrivacyTests
{
    [Theory]
    [InlineData("""{"resourceType":"Patient","id":"p1","birthDate":"1961-02-30"}""", "1961")]
    [InlineData("""{"resourceType":"Observation","id":"o1","status":"final","code":{"text":"x"},"subject":{"reference":"Patient/p1"},"effectiveDateTime":"1999-13-01"}""", "1999")]
    public void Project_InvalidValue_ReasonLeavesTheValueOut(string json, string value)
    {
        var item = Assert.IsType<QuarantinedRecord>(TestData.Project(json));

        Assert.DoesNotContain(value, item.Reason, StringComparison.Ordinal);
        Assert.Contains("not a valid FHIR", item.Reason, StringComparison.Ordinal);
        Assert.NotNull(item.Location.Field);
    }
}
