using System.Collections.Concurrent;
using System.Threading.Channels;

namespace RadEquity.Web.Features.Jobs;

/// <summary>Where a job is.</summary>
internal enum JobState
{
    Queued,
    Running,
    Completed,
    Failed,
    Cancelled,
}

/// <summary>
/// Long work started from a page (an ingest of uploaded files, a measure run): queued, run one at a time in the
/// background, and watched through <see cref="JobSnapshot"/>. Its durable record is the store's own (ingest_runs,
/// measure_runs); a job only carries live progress, so nothing here needs to survive a restart.
/// </summary>
internal sealed class Job(string kind, string title, string requestedBy, Func<Job, IServiceProvider, CancellationToken, Task> work)
{
    private readonly Lock _gate = new();
    private JobState _state = JobState.Queued;
    private double? _fraction;
    private string _message = "Waiting for earlier jobs to finish.";
    private string? _link;

    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>"ingest" or "measure".</summary>
    public string Kind { get; } = kind;

    public string Title { get; } = title;

    public string RequestedBy { get; } = requestedBy;

    internal Func<Job, IServiceProvider, CancellationToken, Task> Work { get; } = work;

    /// <summary>Reports progress: a fraction in [0, 1] when known, and what is happening, in words.</summary>
    public void Report(double? fraction, string message)
    {
        lock (_gate)
        {
            _fraction = fraction is { } f ? Math.Clamp(f, 0, 1) : null;
            _message = message;
        }
    }

    /// <summary>Where the result can be seen once the job completes.</summary>
    public void LinkResult(string link)
    {
        lock (_gate)
        {
            _link = link;
        }
    }

    internal void Move(JobState state, string? message = null)
    {
        lock (_gate)
        {
            _state = state;
            if (state == JobState.Completed)
            {
                _fraction = 1;
            }

            if (message is not null)
            {
                _message = message;
            }
        }
    }

    public JobSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new JobSnapshot(Id, Kind, Title, _state, _fraction, _message, _link);
        }
    }
}

/// <summary>A job as a page or the progress endpoint shows it; <see cref="Fraction"/> is null while unknown.</summary>
internal sealed record JobSnapshot(Guid Id, string Kind, string Title, JobState State, double? Fraction, string Message, string? Link)
{
    /// <summary>Whole percent done, when known.</summary>
    public int? Percent => Fraction is { } f ? (int)Math.Floor(f * 100) : null;

    public bool Finished => State is JobState.Completed or JobState.Failed or JobState.Cancelled;
}

/// <summary>
/// Runs jobs one at a time, in the order they were queued: ingest and measure runs both write the whole store, and on
/// two cores one at a time is also the fastest. Keeps the most recent jobs for their progress pages.
/// </summary>
internal sealed partial class JobQueue(IServiceProvider services, ILogger<JobQueue> logger) : BackgroundService
{
    private const int Kept = 50;

    private readonly Channel<Job> _queue = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, Job> _jobs = new();
    private readonly ConcurrentQueue<Guid> _order = new();

    /// <summary>Queues a job and returns it.</summary>
    public Job Enqueue(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        _jobs[job.Id] = job;
        _order.Enqueue(job.Id);
        while (_order.Count > Kept && _order.TryPeek(out var oldest) && _jobs.TryGetValue(oldest, out var old) && old.Snapshot().Finished)
        {
            _order.TryDequeue(out _);
            _jobs.TryRemove(oldest, out _);
        }

        if (!_queue.Writer.TryWrite(job))
        {
            job.Move(JobState.Cancelled, "The app is stopping; start it again later.");
        }

        return job;
    }

    public JobSnapshot? Find(Guid id) => _jobs.TryGetValue(id, out var job) ? job.Snapshot() : null;

    /// <summary>The jobs kept, newest first, of one kind.</summary>
    public IReadOnlyList<JobSnapshot> Recent(string kind) =>
        _order.Reverse().Select(id => _jobs.TryGetValue(id, out var job) ? job.Snapshot() : null)
            .OfType<JobSnapshot>().Where(j => j.Kind == kind).ToList();

    /// <summary>Whether a job of this kind is queued or running.</summary>
    public bool Busy(string kind) => Recent(kind).Any(j => !j.Finished);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await RunAsync(job, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var left))
            {
                left.Move(JobState.Cancelled, "The app stopped before this job started.");
            }
        }
    }

    private async Task RunAsync(Job job, CancellationToken stoppingToken)
    {
        job.Move(JobState.Running, "Starting.");
        LogStarted(logger, job.Kind, job.Id);
        try
        {
            await using var scope = services.CreateAsyncScope();
            await job.Work(job, scope.ServiceProvider, stoppingToken).ConfigureAwait(false);
            job.Move(JobState.Completed);
            LogFinished(logger, job.Kind, job.Id, JobState.Completed);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            job.Move(JobState.Cancelled, "The app stopped during this job; the store keeps nothing half-written.");
            LogFinished(logger, job.Kind, job.Id, JobState.Cancelled);
        }
#pragma warning disable CA1031 // A failed job is reported on its page; the queue goes on with the next one.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // The message names files, lines and fields, never record content; the log gets the type only.
            job.Move(JobState.Failed, "Failed: " + e.Message);
            LogFailed(logger, job.Kind, job.Id, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Kind} {JobId} started")]
    private static partial void LogStarted(ILogger logger, string kind, Guid jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Kind} {JobId} {State}")]
    private static partial void LogFinished(ILogger logger, string kind, Guid jobId, JobState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Kind} {JobId} failed: {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string kind, Guid jobId, string exceptionType);
}
