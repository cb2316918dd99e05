using System.Globalization;
using RadEquity.Data;
using RadEquity.Data.Measures;
using RadEquity.Engine.Measures;
using RadEquity.Web.Features.Dashboard.Patients;
using RadEquity.Web.Features.Data;
using RadEquity.Web.Features.Jobs;
using RadEquity.Web.Features.Worklist;

namespace RadEquity.Web.Features.Runs;

/// <summary>
/// Measure runs started from the Runs page: every standard measure and stratifier over the whole store, as
/// <c>radequity measure</c> does, with the default value sets and the ZIP tables of the Data page. The run is written
/// in one transaction: one that fails or is stopped leaves a failed or interrupted run with no rows.
/// </summary>
internal sealed class MeasureRunJobs(JobQueue jobs)
{
    public const string JobKind = "measure";

    /// <summary>Queues a run of <paramref name="period"/> with gaps as of <paramref name="asOf"/>.</summary>
    public Job Start(MeasurementPeriod period, DateOnly asOf, string requestedBy)
    {
        ArgumentNullException.ThrowIfNull(period);
        var title = string.Create(CultureInfo.InvariantCulture, $"Measures for {period.Start:yyyy-MM-dd} to {period.End:yyyy-MM-dd}, gaps as of {asOf:yyyy-MM-dd}");
        return jobs.Enqueue(new Job(JobKind, title, requestedBy, (job, services, cancellationToken) =>
            RunAsync(job, services, period, asOf, cancellationToken)));
    }

    private static async Task RunAsync(Job job, IServiceProvider services, MeasurementPeriod period, DateOnly asOf, CancellationToken cancellationToken)
    {
        var c = CultureInfo.GetCultureInfo("en-US");
        job.Report(null, "Loading the ZIP tables and value sets.");
        var areas = services.GetRequiredService<AreaTables>().Load();
        var request = new StoreEvaluationRequest(period, asOf, PatientEvidence.Codes, "RadEquity defaults", areas, PatientEvidence.Options);
        var progress = new Reporter<StoreEvaluationProgress>(p => job.Report(
            p.Stage == StoreEvaluationStage.Saving ? null : p.TotalPatients > 0 ? (double)p.Patients / p.TotalPatients : null,
            p.Stage == StoreEvaluationStage.Saving
                ? string.Format(c, "Run {0}: saving outcomes and counts of {1:N0} patients.", p.RunId, p.Patients)
                : string.Format(c, "Run {0}: {1:N0} of {2:N0} patients evaluated.", p.RunId, p.Patients, p.TotalPatients)));
        var result = await StoreEvaluation.RunAsync(services.GetRequiredService<StoreTarget>(), request,
            services.GetRequiredService<TimeProvider>(), progress, cancellationToken).ConfigureAwait(false);
        // The worklist follows every completed run: new gaps become items, gaps no longer open close theirs.
        job.Report(null, string.Format(c, "Run {0}: updating the worklist.", result.RunId));
        var sync = await services.GetRequiredService<WorklistSync>().SyncAsync(result.RunId, cancellationToken).ConfigureAwait(false);
        job.LinkResult("/dashboard");
        job.Report(1, string.Format(c, "Done: run {0}, {1:N0} patients evaluated in {2:N1} s; worklist: {3:N0} new, {4:N0} reopened, {5:N0} closed.",
            result.RunId, result.Load.Patients, result.Elapsed.TotalSeconds, sync.Created, sync.Reopened, sync.Closed));
    }
}
