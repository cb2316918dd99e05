using RadEquity.Data.Measures;
using RadEquity.Engine.Evaluation;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Measures;

namespace RadEquity.Data.Tests.Measures;

/// <summary>Attributing results to sources, the stored histogram text and partitioning: no database.</summary>
public sealed class MeasureRunOutcomeTests
{
    private static readonly MeasureResult Met = new(true, true, false, true, GapStatus.Closed, new DateOnly(2026, 3, 1), "mammography", null);

    [Fact]
    public void FromResults_ResultsOfTwoSources_KeepEachSource()
    {
        var outcomes = MeasureRunOutcome.FromResults([new("north", "pt-1", "cms125", Met), new("east", "pt-1", "cms125", Met)]).ToList();

        Assert.Equal([new("north", "pt-1", "cms125", Met), new MeasureRunOutcome("east", "pt-1", "cms125", Met)], outcomes);
    }

    [Fact]
    public void ResolutionDays_Histogram_RoundTripsAsSparsePairs()
    {
        var counts = new StratumCounts();
        foreach (var days in new int?[] { 0, 12, 12, 900 })
        {
            counts.Add(Met with { DaysToResolution = days });
        }

        var text = StoredMeasureText.FormatResolutionDays(counts.ResolutionDays);

        Assert.Equal("0:1,12:2,730:1", text);
        Assert.Equal(counts.ResolutionDays, StoredMeasureText.ParseResolutionDays(text));
        Assert.Null(StoredMeasureText.FormatResolutionDays(new StratumCounts().ResolutionDays));
        Assert.Null(StoredMeasureText.ParseResolutionDays(null));
        Assert.Equal(new long[StratumCounts.MaxResolutionDays + 1], StoredMeasureText.ParseResolutionDays(""));
        Assert.Throws<InvalidDataException>(() => StoredMeasureText.ParseResolutionDays("731:1"));
    }

    [Fact]
    public void PartitionOf_SameId_IsStableAndWithinRange()
    {
        var partitions = Enumerable.Range(0, 1_000).Select(i => PatientSelection.PartitionOf("pt-" + i, 7)).ToList();

        Assert.All(partitions, p => Assert.InRange(p, 0, 6));
        Assert.Equal(7, partitions.Distinct().Count());
        // FNV-1a of "pt-1": a fixed value, so partitions survive restarts and other processes.
        Assert.Equal(948_571_183 % 7, PatientSelection.PartitionOf("pt-1", 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PatientSelection(partition: 3, partitionCount: 3));
    }

    private static PatientRecord Record(string source, string patientId) => new(
        source, new PatientFact(patientId, null, AdministrativeSex.Female, null, [], [], null, null, null, null, null, null, null), [], []);
}
