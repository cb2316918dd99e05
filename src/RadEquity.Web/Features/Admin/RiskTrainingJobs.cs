using System.Globalization;
using RadEquity.Data;
using RadEquity.Risk;
using RadEquity.Web.Features.Data;
using RadEquity.Web.Features.Jobs;

namespace RadEquity.Web.Features.Admin;

/// <summary>
/// Trains the no-show risk model from the Admin page in the background, as <c>radequity risk train</c> does: the store's
/// appointment history, the ZIP tables of the Data page for rurality, and a new version in the work folder's model
/// store. A new version is never switched on by training; an administrator activates it after reading its report.
/// </summary>
internal sealed class RiskTrainingJobs(JobQueue jobs)
{
    public const string JobKind = "risk-train";

    public Job Start(int seed, DateOnly until, string requestedBy)
    {
        var title = string.Create(CultureInfo.InvariantCulture, $"Risk model: train on appointments before {until:yyyy-MM-dd}, seed {seed}");
        return jobs.Enqueue(new Job(JobKind, title, requestedBy, (job, services, cancellationToken) =>
            RunAsync(job, services, seed, until, cancellationToken)));
    }

    private static async Task RunAsync(Job job, IServiceProvider services, int seed, DateOnly until, CancellationToken cancellationToken)
    {
        var c = CultureInfo.GetCultureInfo("en-US");
        job.Report(null, "Reading the appointment history and evaluating past due exams.");
        var areas = services.GetRequiredService<AreaTables>().Load();
        var practice = await PracticeExamples.ReadAsync(services.GetRequiredService<StoreTarget>(), areas,
            new DateTimeOffset(until.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), cancellationToken).ConfigureAwait(false);
        var examples = practice.All;
        job.Report(0.3, string.Format(c, "Training on {0:N0} kept or missed appointments and {1:N0} due exams.",
            practice.Appointments.Count, practice.DueExams.Count));
        // Training is CPU-bound (one thread, for a reproducible model); it runs off the request threads.
        var trained = await Task.Run(() => RiskModelTraining.Train(examples, new RiskTrainingOptions { Seed = seed },
            services.GetRequiredService<TimeProvider>()), cancellationToken).ConfigureAwait(false);
        var card = RiskModels.Store(services.GetRequiredService<WorkFolder>()).Save(trained);
        job.LinkResult(string.Create(CultureInfo.InvariantCulture, $"/admin/risk/{card.Version}"));
        job.Report(1, string.Format(c, "Stored v{0}: AUC {1:F3} against {2:F3} for the prior-no-shows baseline. Not active until switched on.",
            card.Version, card.ModelAuc, card.BaselineAuc));
    }
}
