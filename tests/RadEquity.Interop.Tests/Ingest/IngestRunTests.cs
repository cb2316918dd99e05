using RadEquity.Engine.Facts;
using RadEquity.Interop.Ingest;

namespace RadEquity.Interop.Tests.Ingest;

public class IngestRunTests
{
    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private long _ticks;

        public override DateTimeOffset GetUtcNow() => now;

        public override long GetTimestamp() => _ticks += TimeSpan.TicksPerSecond;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    }

    private sealed class ListProgress : IProgress<IngestProgress>
    {
        public List<IngestProgress> Reports { get; } = [];

        public void Report(IngestProgress value)
        {
            lock (Reports)
            {
                Reports.Add(value);
            }
        }
    }

    private static readonly string[] FhirFolder = [TestData.File("fhir")];

    [Fact]
    public async Task RunAsync_FhirFolder_SummaryCountsByTypeAndKind()
    {
        var sink = new MemorySink();

        var summary = await IngestRun.RunAsync(FhirFolder, new IngestOptions { BatchSize = 7 }, sink);

        Assert.True(summary.Completed);
        Assert.Equal(8 + 1, summary.Quarantined);
        Assert.Equal(3 + 2 + 1 + 1 + 1 + 1 + 1, summary.ResourcesByType["Patient"]);
        Assert.Equal(2 + 1, summary.ResourcesByType["Appointment"]); // two read, one deleted
        Assert.Equal(7 + 1, summary.ResourcesByType["Coverage"]);
        Assert.Equal(summary.ResourcesByType["Patient"], summary.FactsByKind["PatientFact"]);
        Assert.Equal(3, summary.FactsByKind["SiteFact"]);
        // The two deletes name resources this store never held: unchanged.
        Assert.Equal(summary.Resources, summary.Changes.Inserted + summary.Changes.Updated + summary.Changes.Unchanged);
        Assert.Equal(0, summary.Changes.Deleted);
        Assert.Equal(summary.Quarantined, summary.Changes.Quarantined);
        Assert.Equal(Directory.GetFiles(TestData.File("fhir")).Sum(f => new FileInfo(f).Length), summary.Bytes);
        Assert.Contains(summary.Messages, m => m.EndsWith("ground-truth.json: JSON that is neither a FHIR Bundle nor a resource, skipped", StringComparison.Ordinal));
        Assert.True(sink.Batches >= summary.Resources / 7);
    }

    [Fact]
    public async Task RunAsync_SameInputTwice_SecondRunChangesNothing()
    {
        var sink = new MemorySink();
        var first = await IngestRun.RunAsync(FhirFolder, new IngestOptions(), sink);
        var count = sink.Resources.Count;

        var second = await IngestRun.RunAsync(FhirFolder, new IngestOptions(), sink);

        Assert.True(first.Changes.Inserted > 0);
        Assert.Equal(0, second.Changes.Inserted);
        Assert.Equal(0, second.Changes.Updated);
        Assert.Equal(count, sink.Resources.Count);
    }

    [Fact]
    public async Task RunAsync_InjectedClock_StartAndElapsedFromIt()
    {
        var start = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var sink = new MemorySink();

        var summary = await IngestRun.RunAsync([TestData.File("fhir", "patients.ndjson")],
            new IngestOptions { Source = "ris", TimeProvider = new ManualTime(start) }, sink);

        Assert.Equal(TimeSpan.FromSeconds(1), summary.Elapsed);
        var run = Assert.Single(sink.Runs);
        Assert.Equal(("ris", start), (run.Source, run.StartedAt));
        Assert.Same(summary, run.Summary);
        Assert.All(sink.Resources.Keys, k => Assert.Equal("ris", k.Source));
    }

    [Fact]
    public async Task RunAsync_Progress_ReachesTotalBytes()
    {
        var progress = new ListProgress();
        var sink = new MemorySink();

        var summary = await IngestRun.RunAsync(FhirFolder, new IngestOptions { BatchSize = 3 }, sink, progress);

        Assert.Contains(progress.Reports, r => r.CurrentFile?.EndsWith("clinical.ndjson", StringComparison.Ordinal) == true);
        var last = progress.Reports[^1];
        Assert.Equal(last.TotalBytes, last.BytesRead);
        Assert.Equal(summary.Resources, last.Resources);
        Assert.Equal(summary.Quarantined, last.Quarantined);
    }

    [Fact]
    public async Task RunAsync_DeleteAfterLoad_RemovesResource()
    {
        using var folder = TestData.TempFolder();
        File.WriteAllText(folder.File("a.ndjson"),
            """{"resourceType":"Appointment","id":"appt-old-7","status":"booked","participant":[{"actor":{"reference":"Patient/p"}}]}""");
        var sink = new MemorySink();
        await IngestRun.RunAsync([folder.File("a.ndjson")], new IngestOptions(), sink);

        var summary = await IngestRun.RunAsync([TestData.File("fhir", "transaction-bundle.json")], new IngestOptions(), sink);

        Assert.Equal(1, summary.Changes.Deleted);
        Assert.DoesNotContain(new ResourceKey("default", "Appointment", "appt-old-7"), sink.Resources.Keys);
    }

    [Fact]
    public async Task RunAsync_Cancelled_NotCompletedAndRunClosed()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var sink = new MemorySink();

        var summary = await IngestRun.RunAsync(FhirFolder, new IngestOptions(), sink, null, cts.Token)
            .ContinueWith(t => t.IsCanceled ? null : t.Result, TaskScheduler.Default);

        // Cancelled before the run began: the sink saw nothing, or the run was closed as not completed.
        Assert.True(summary is null ? sink.Runs.Count == 0 : !summary.Completed && sink.Runs[0].Summary is not null);
    }

    [Fact]
    public async Task RunAsync_CancelledMidway_SummaryNotCompleted()
    {
        using var cts = new CancellationTokenSource();
        var sink = new MemorySink();
        var progress = new CancelOnFirst(cts);

        var summary = await IngestRun.RunAsync(FhirFolder, new IngestOptions { BatchSize = 1 }, sink, progress, cts.Token);

        Assert.False(summary.Completed);
        Assert.Same(summary, sink.Runs[0].Summary);
    }

    [Fact]
    public async Task RunAsync_SinkFails_RunClosedAsFailedAndRethrown()
    {
        var sink = new MemorySink { FailOnBatch = 2 };

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            IngestRun.RunAsync(FhirFolder, new IngestOptions { BatchSize = 2 }, sink));

        Assert.Equal("disk full (test)", e.Message);
        Assert.False(sink.Runs[0].Summary!.Completed);
    }

    [Fact]
    public async Task RunAsync_BulkFolderWithManifest_EachFileOnceLogAndExtrasSkipped()
    {
        var sink = new MemorySink();

        var summary = await IngestRun.RunAsync([TestData.File("bulk")], new IngestOptions(), sink);

        Assert.Equal(0, summary.Quarantined);
        Assert.Equal(2, summary.ResourcesByType["Patient"]);
        Assert.Equal(1, summary.ResourcesByType["Encounter"]);
        Assert.Equal(3, summary.Resources);
        Assert.Equal("site-4", sink.Facts<ClinicalEvent>().Single().LocationId);
        Assert.Contains(summary.Messages, m => m.Contains("log.ndjson: Bulk Data export log", StringComparison.Ordinal));
        Assert.Contains(summary.Messages, m => m.Contains("zip-ruca.csv: not a RadEquity CSV file", StringComparison.Ordinal));
        Assert.Contains(summary.Messages, m => m.Contains("ground-truth.json: JSON that is neither", StringComparison.Ordinal));
    }

    private sealed class CancelOnFirst(CancellationTokenSource cts) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value)
        {
            if (value.Resources > 0)
            {
                cts.Cancel();
            }
        }
    }
}
