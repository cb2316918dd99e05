using System.Threading.Channels;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Ingest;
using RadEquity.Interop.Csv;
using RadEquity.Interop.Fhir;

namespace RadEquity.Interop.Ingest;

/// <summary>
/// The ingest loop: discovers the inputs, reads and projects them on one task and writes batches to the sink on
/// another (a bounded channel between them keeps both cores busy and memory bounded), and summarises the run.
/// Bad records are quarantined and never stop good ones; the run is idempotent because the sink writes by key.
/// </summary>
public static class IngestRun
{
    /// <summary>Batches buffered between the reader and the writer.</summary>
    private const int BatchesInFlight = 2;

    /// <summary>Ingests <paramref name="paths"/> (files, folders, Bulk Data manifests) into <paramref name="sink"/>.
    /// A cancelled run returns a summary with <see cref="IngestSummary.Completed"/> false (and completes the run in
    /// the sink); a failing sink or unreadable input completes the run as failed and rethrows.</summary>
    public static async Task<IngestSummary> RunAsync(
        IReadOnlyList<string> paths,
        IngestOptions options,
        IIngestSink sink,
        IProgress<IngestProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        options.Validate();

        var time = options.TimeProvider;
        var startedTimestamp = time.GetTimestamp();
        var plan = InputDiscovery.Discover(paths);
        var runId = await sink.BeginRunAsync(options.Source, paths, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var context = new ReadContext(options, stop.Token);
        var tally = new Tally();
        var channel = Channel.CreateBounded<List<IngestItem>>(new BoundedChannelOptions(BatchesInFlight)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

        var reader = Task.Factory.StartNew(
            () => Produce(plan, context, tally, channel.Writer, progress),
            stop.Token,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        var changes = default(BatchResult);
        var completed = false;
        Exception? failure = null;
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                changes += await sink.WriteBatchAsync(runId, batch, stop.Token).ConfigureAwait(false);
            }

            await reader.ConfigureAwait(false);
            completed = true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e;
            await stop.CancelAsync().ConfigureAwait(false);
        }
        finally
        {
            try
            {
                await reader.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException || failure is not null)
            {
                // The reader stops when the writer does; its own failure was already observed through the channel.
            }
        }

        List<string> messages = [.. plan.Messages, .. context.Messages];
        var summary = new IngestSummary(
            tally.ResourcesByType, tally.FactsByKind, changes, tally.Quarantined, tally.Bytes,
            time.GetElapsedTime(startedTimestamp), completed, messages);
        await sink.CompleteRunAsync(runId, summary, CancellationToken.None).ConfigureAwait(false);
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        return summary;
    }

    /// <summary>The items of one file, in order (also used by tests and benchmarks, without a sink).</summary>
    internal static IEnumerable<IngestItem> ReadFile(InputFile file, ReadContext context) => file.Kind switch
    {
        InputKind.Ndjson => NdjsonReader.Read(file.Path, gzip: false, context),
        InputKind.NdjsonGzip => NdjsonReader.Read(file.Path, gzip: true, context),
        InputKind.Json => JsonFileReader.Read(file.Path, context),
        InputKind.Csv => CsvReader.Read(file.Path, context),
        _ => throw new ArgumentOutOfRangeException(nameof(file), file.Kind, "unknown input kind"),
    };

    private static void Produce(InputPlan plan, ReadContext context, Tally tally, ChannelWriter<List<IngestItem>> writer,
        IProgress<IngestProgress>? progress)
    {
        var batchSize = context.Options.BatchSize;
        var total = plan.TotalBytes;
        long done = 0;
        var batch = new List<IngestItem>(Math.Min(batchSize, 1024));
        try
        {
            foreach (var file in plan.Files)
            {
                progress?.Report(new IngestProgress(done, total, tally.Resources, tally.Quarantined, file.Path));
                try
                {
                    foreach (var item in ReadFile(file, context))
                    {
                        tally.Count(item);
                        batch.Add(item);
                        if (batch.Count >= batchSize)
                        {
                            Send(writer, batch, context.CancellationToken);
                            batch = new List<IngestItem>(batchSize);
                            progress?.Report(new IngestProgress(done + context.CurrentFilePosition, total, tally.Resources,
                                tally.Quarantined, file.Path));
                        }
                    }
                }
                catch (IOException e)
                {
                    context.Message(file.Path, "could not be read (" + e.GetType().Name + ")");
                }
                catch (UnauthorizedAccessException)
                {
                    context.Message(file.Path, "could not be read (access denied)");
                }

                context.CurrentFile = null;
                done += file.Length;
                tally.Bytes = done;
            }

            if (batch.Count > 0)
            {
                Send(writer, batch, context.CancellationToken);
            }

            progress?.Report(new IngestProgress(done, total, tally.Resources, tally.Quarantined, null));
            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
            throw;
        }
    }

    private static void Send(ChannelWriter<List<IngestItem>> writer, List<IngestItem> batch, CancellationToken cancellationToken)
    {
        while (!writer.TryWrite(batch))
        {
            // The writer side is slower: block this dedicated reading thread until there is room.
            if (!writer.WaitToWriteAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }
    }

    /// <summary>Counts kept by the reading task (read by the loop only after the reader has finished).</summary>
    private sealed class Tally
    {
        public Dictionary<string, long> ResourcesByType { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, long> FactsByKind { get; } = new(StringComparer.Ordinal);

        public long Resources { get; private set; }

        public long Quarantined { get; private set; }

        public long Bytes { get; set; }

        public void Count(IngestItem item)
        {
            switch (item)
            {
                case ProjectedResource p:
                    Add(ResourcesByType, p.Key.ResourceType);
                    Resources++;
                    if (p.Fact is Fact fact)
                    {
                        Add(FactsByKind, fact.GetType().Name);
                    }

                    break;
                case DeletedResource d:
                    Add(ResourcesByType, d.Key.ResourceType);
                    Resources++;
                    break;
                case QuarantinedRecord:
                    Quarantined++;
                    break;
                default:
                    break;
            }
        }

        private static void Add(Dictionary<string, long> counts, string key)
        {
            counts.TryGetValue(key, out var n);
            counts[key] = n + 1;
        }
    }
}
