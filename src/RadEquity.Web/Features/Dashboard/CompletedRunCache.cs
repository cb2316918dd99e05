using RadEquity.Data;
using RadEquity.Data.Measures;
using RadEquity.Engine.Evaluation;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Reporting;
using RadEquity.Engine.Statistics;

namespace RadEquity.Web.Features.Dashboard;

/// <summary>
/// What the dashboard reads of a completed run, read or computed once per run: its counts, the figures shown from them,
/// its HTML report, and per measure its open-gap patients with their categories. A run's rows are written with its <c>completed</c> status
/// in one transaction and never change afterwards, so a run id names the same rows for the life of the store; pages still
/// look up which run is the latest (or asked for) on every request. Without this, at 1,000,000 patients, every view
/// re-read, re-parsed and re-computed the run's figures, and every page of patients behind a stratum joined all of the
/// measure's open gaps (178,000 for CMS130) to the patients' strata, twice (docs/benchmarks.md, "Dashboard under load").
/// </summary>
internal sealed class CompletedRunCache(StoreTarget store, TimeProvider time)
{
    /// <summary>Runs whose counts are kept (a trend shows up to <see cref="DashboardFigures.TrendPeriods"/>).</summary>
    public const int Runs = 16;

    /// <summary>Figures kept: one per run, measures shown, basis and reference choices.</summary>
    public const int Figures = 64;

    /// <summary>HTML reports kept (about 2 MB each at 1,000,000 patients).</summary>
    public const int Reports = 8;

    /// <summary>Measures' open-gap lists kept: two runs of the eight standard measures (about 30 MB at 1,000,000 patients).</summary>
    public const int GapLists = 16;

    private readonly Memo<long, EvaluationCounts?> _counts = new(Runs);
    private readonly Memo<(long RunId, string Measures, FigureBasis Basis, double Level, IntervalMethod Method, string References), RunFigures> _figures =
        new(Figures);
    private readonly Memo<(long RunId, FigureBasis Basis, double Level, IntervalMethod Method, string References), string> _reports = new(Reports);
    private readonly Memo<(long RunId, string MeasureId), IReadOnlyList<MeasureRunPatient>> _gaps = new(GapLists);

    /// <summary>The counts of completed run <paramref name="runId"/> (<see cref="MeasureRunStore.ReadCountsAsync"/>), or
    /// null when it did not complete. Shared between requests: read them, never add to them.</summary>
    public Task<EvaluationCounts?> CountsAsync(long runId, CancellationToken cancellationToken) =>
        _counts.GetAsync(runId, id => new MeasureRunStore(store, time).ReadCountsAsync(id, CancellationToken.None), cancellationToken);

    /// <summary><see cref="RunFigures.Of"/> for a completed run and its <paramref name="counts"/>.</summary>
    public Task<RunFigures> FiguresAsync(MeasureRun run, EvaluationCounts counts, IReadOnlyList<Measure> measures, ReportOptions options,
        FigureBasis basis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(measures);
        ArgumentNullException.ThrowIfNull(options);
        var key = (run.Id, string.Join(",", measures.Select(m => m.Id)), basis, options.Level.Percent, options.Method, ReferenceSelection.ToQuery(options));
        return _figures.GetAsync(key,
            _ => Task.FromResult(RunFigures.Of(counts, measures, run.Definition.Period, run.Definition.AsOf, options, basis)), cancellationToken);
    }

    /// <summary>The HTML report of all the measures of <paramref name="view"/>'s run, as <paramref name="write"/> writes it.</summary>
    public Task<string> ReportHtmlAsync(DashboardView view, ReportOptions options, Func<DashboardView, string> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(options);
        return _reports.GetAsync((view.Run.Id, view.Basis, options.Level.Percent, options.Method, ReferenceSelection.ToQuery(options)),
            _ => Task.FromResult(write(view)), cancellationToken);
    }

    /// <summary>The open-gap patients of <paramref name="measureId"/> in completed run <paramref name="runId"/>, in the
    /// order the patients pages list them (<see cref="MeasureRunStore.ReadGapPatientsAsync"/>).</summary>
    public Task<IReadOnlyList<MeasureRunPatient>> GapPatientsAsync(long runId, string measureId, CancellationToken cancellationToken) =>
        _gaps.GetAsync((runId, measureId),
            key => new MeasureRunStore(store, time).ReadGapPatientsAsync(key.RunId, key.MeasureId, CancellationToken.None), cancellationToken);

    /// <summary>
    /// Values computed once per key: concurrent callers share one computation (on the thread pool, not stopped by a caller's
    /// cancellation); a failed or null result is not kept; beyond the capacity the least recently used key is dropped.
    /// </summary>
    private sealed class Memo<TKey, TValue>(int capacity)
        where TKey : notnull
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<TKey, Entry> _entries = [];
        private long _uses;

        public Task<TValue> GetAsync(TKey key, Func<TKey, Task<TValue>> compute, CancellationToken cancellationToken)
        {
            Task<TValue> value;
            lock (_lock)
            {
                if (!_entries.TryGetValue(key, out var entry))
                {
                    if (_entries.Count >= capacity)
                    {
                        _entries.Remove(_entries.MinBy(e => e.Value.LastUse).Key);
                    }

                    entry = new Entry(Task.Run(() => compute(key), CancellationToken.None));
                    _entries[key] = entry;
                    _ = entry.Value.ContinueWith(t => ForgetUnlessKept(key, t), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default);
                }

                entry.LastUse = ++_uses;
                value = entry.Value;
            }

            return value.WaitAsync(cancellationToken);
        }

        private void ForgetUnlessKept(TKey key, Task<TValue> computed)
        {
            if (computed.IsCompletedSuccessfully && computed.Result is not null)
            {
                return;
            }

            lock (_lock)
            {
                if (_entries.TryGetValue(key, out var entry) && entry.Value == computed)
                {
                    _entries.Remove(key);
                }
            }
        }

        private sealed class Entry(Task<TValue> value)
        {
            public Task<TValue> Value { get; } = value;

            public long LastUse { get; set; }
        }
    }
}
