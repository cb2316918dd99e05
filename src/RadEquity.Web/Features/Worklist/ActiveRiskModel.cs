using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Risk;
using RadEquity.Web.Features.Admin;
using RadEquity.Web.Features.Data;

namespace RadEquity.Web.Features.Worklist;

/// <summary>A loaded model and the name the pages show for it.</summary>
internal sealed record LoadedRiskModel(int Version, RiskModel Model)
{
    public string Name => "risk model v" + Version.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The active risk model of the work folder's store, loaded once per version. Every call reads the store's small
/// <c>active</c> pointer, so a version switched on at <c>/admin/risk</c> or by the CLI is used from the next request on.
/// Thread-safe: one load at a time, and the loaded pair is replaced whole. A version that cannot be loaded is logged
/// and treated as none active.
/// </summary>
internal sealed class ActiveRiskModel(WorkFolder folder, ILogger<ActiveRiskModel> log)
{
    private readonly Lock _gate = new();
    private LoadedRiskModel? _loaded;

    /// <summary>The active model, or null when none is switched on.</summary>
    public LoadedRiskModel? Current()
    {
        var store = RiskModels.Store(folder);
        if (store.ActiveVersion() is not { } version)
        {
            return null;
        }

        var loaded = Volatile.Read(ref _loaded);
        if (loaded?.Version == version)
        {
            return loaded;
        }

        lock (_gate)
        {
            if (_loaded?.Version != version)
            {
                try
                {
                    Volatile.Write(ref _loaded, new LoadedRiskModel(version, store.Load(version)));
                    log.LogInformation("Risk model v{Version} loaded for the worklist.", version);
                }
                catch (Exception e) when (e is IOException or InvalidOperationException or FormatException or UnauthorizedAccessException)
                {
                    // A damaged model file must not take the worklist down: it is shown without the risk part.
                    log.LogError(e, "Risk model v{Version} could not be loaded; the worklist is scored without it.", version);
                    return null;
                }
            }

            return _loaded;
        }
    }
}

/// <summary>
/// Scores work items with the active model. A work item is a due exam, described as the due-exam examples the model
/// learnt from (<see cref="DueExamExamples.Describe"/>): the patient's facts and appointments, the item's payer,
/// language and rurality from its run, and the distance to the nearest site. Three queries per page, whatever the
/// number of items.
/// </summary>
internal sealed class ModelRiskScorer(ActiveRiskModel active, RadEquityDbContext db) : IMissRiskScorer
{
    public async Task<RiskScores> ScoreAsync(IReadOnlyCollection<WorkItemRow> items, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (active.Current() is not { } model)
        {
            return RiskScores.None;
        }

        if (items.Count == 0)
        {
            return new RiskScores(model.Name, new Dictionary<long, double>());
        }

        var ids = items.Select(i => i.PatientId).Distinct(StringComparer.Ordinal).ToArray();
        var patients = (await db.Patients.AsNoTracking().Where(p => ids.Contains(p.PatientId)).ToListAsync(cancellationToken))
            .ToDictionary(p => (p.Source, p.PatientId), p => p.ToFact());
        var appointments = (await db.Appointments.AsNoTracking().Where(a => ids.Contains(a.PatientId)).ToListAsync(cancellationToken))
            .ToLookup(a => (a.Source, a.PatientId), a => a.ToFact());
        var sites = (await db.Sites.AsNoTracking().ToListAsync(cancellationToken)).Select(s => s.ToFact()).ToArray();

        var scored = new List<(long Id, NoShowFeatures Features)>(items.Count);
        foreach (var item in items)
        {
            if (patients.TryGetValue((item.Source, item.PatientId), out var patient))
            {
                scored.Add((item.Id, DueExamExamples.Describe(patient, appointments[(item.Source, item.PatientId)], sites, today,
                    item.DueDate, item.Payer, item.Language, item.Rurality)));
            }
        }

        var probabilities = model.Model.PredictMissProbabilities(scored.Select(s => s.Features));
        var byItem = new Dictionary<long, double>(scored.Count);
        for (var i = 0; i < scored.Count; i++)
        {
            byItem[scored[i].Id] = Math.Clamp(probabilities[i], 0, 1);
        }

        return new RiskScores(model.Name, byItem);
    }
}
