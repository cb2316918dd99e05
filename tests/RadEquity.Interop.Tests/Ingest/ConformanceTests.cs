using RadEquity.Engine.Ingest;
using RadEquity.Interop.Ingest;
using RadEquity.Testing;

namespace RadEquity.Interop.Tests.Ingest;

/// <summary>Real producer output (Synthea, in /work/shared/data/synthea beside the repository) through the loop.</summary>
[Trait("Category", "Conformance")]
public class ConformanceTests
{
    private static async Task<(IngestSummary Summary, MemorySink Sink)> IngestAsync(string folder)
    {
        var root = SharedData.Synthea();
        Skip.If(root is null, SharedData.MissingMessage);
        var sink = new MemorySink();
        var summary = await IngestRun.RunAsync([Path.Combine(root, folder)], new IngestOptions { Source = "synthea" }, sink);
        return (summary, sink);
    }

    [SkippableFact]
    public async Task RunAsync_SyntheaBundles_AllEntriesNothingQuarantined()
    {
        var (summary, sink) = await IngestAsync("r4-bundles");

        Assert.True(summary.Completed);
        Assert.Equal(0, summary.Quarantined);
        Assert.Equal(10_962, summary.Resources);
        Assert.Equal(10_848, sink.Resources.Count);
        var expected = new Dictionary<string, long>
        {
            ["AllergyIntolerance"] = 12,
            ["CarePlan"] = 95,
            ["Claim"] = 1388,
            ["Condition"] = 272,
            ["DiagnosticReport"] = 313,
            ["Encounter"] = 1115,
            ["ExplanationOfBenefit"] = 1115,
            ["Goal"] = 56,
            ["ImagingStudy"] = 15,
            ["Immunization"] = 463,
            ["MedicationRequest"] = 273,
            ["Observation"] = 4754,
            ["Organization"] = 159,
            ["Patient"] = 35,
            ["Practitioner"] = 159,
            ["Procedure"] = 738,
        };
        Assert.Equal(expected, summary.ResourcesByType.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary());
        Assert.Equal(102, sink.Resources.Keys.Count(k => k.ResourceType == "Organization"));
        Assert.Equal(102, sink.Resources.Keys.Count(k => k.ResourceType == "Practitioner"));
        Assert.Equal(35, summary.FactsByKind["PatientFact"]);
        Assert.Equal(1115 + 738 + 15 + 313 + 4754 + 272 + 273, summary.FactsByKind["ClinicalEvent"]);
    }

    [SkippableFact]
    public async Task RunAsync_SyntheaBulkExport_AllResourcesLogSkipped()
    {
        var (summary, sink) = await IngestAsync("bulk-ndjson-13-patients");

        Assert.True(summary.Completed);
        Assert.Equal(0, summary.Quarantined);
        Assert.Equal(7_160, summary.Resources);
        var expected = new Dictionary<string, long>
        {
            ["AllergyIntolerance"] = 11,
            ["Condition"] = 555,
            ["Device"] = 16,
            ["DocumentReference"] = 1215,
            ["Encounter"] = 1215,
            ["Immunization"] = 161,
            ["Location"] = 44,
            ["MedicationRequest"] = 1745,
            ["Organization"] = 43,
            ["Patient"] = 13,
            ["Practitioner"] = 43,
            ["PractitionerRole"] = 43,
            ["Procedure"] = 2056,
        };
        Assert.Equal(expected, summary.ResourcesByType.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary());
        Assert.Equal(7_160, sink.Resources.Count);
        Assert.Contains(summary.Messages, m => m.Contains("log.ndjson: Bulk Data export log", StringComparison.Ordinal));
        Assert.Equal(44, summary.FactsByKind["SiteFact"]);
    }
}
