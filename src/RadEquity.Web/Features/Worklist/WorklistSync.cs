using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Data.Worklist;

namespace RadEquity.Web.Features.Worklist;

/// <summary>What one sync did.</summary>
internal sealed record WorklistSyncResult(long RunId, bool AlreadySynced, int Created, int Reopened, int Closed);

/// <summary>
/// Takes a completed measure run's open care gaps into the worklist: a new open gap becomes a work item, an item whose
/// gap is open again is refreshed (status, assignment and notes kept), and an item whose gap is no longer open is
/// completed by itself with the reason and the run. One transaction per run, recorded in <c>worklist_syncs</c>, so a
/// sync that dies changes nothing and a second sync of the same run does nothing.
/// </summary>
internal sealed class WorklistSync(StoreTarget store, TimeProvider time)
{
    /// <summary>Syncs run <paramref name="runId"/>, which must be completed.</summary>
    public async Task<WorklistSyncResult> SyncAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = store.CreateDbContext();
        // On SQLite this is BEGIN IMMEDIATE: two syncs of one run cannot both pass the check below.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (await db.WorklistSyncs.AnyAsync(s => s.RunId == runId, cancellationToken).ConfigureAwait(false))
        {
            return new WorklistSyncResult(runId, true, 0, 0, 0);
        }

        var completed = await db.MeasureRuns.AnyAsync(r => r.Id == runId && r.Status == MeasureRunStatus.Completed, cancellationToken).ConfigureAwait(false);
        if (!completed)
        {
            throw new InvalidOperationException($"Measure run {runId} is not completed; only a completed run can be synced.");
        }

        var measures = WorklistMeasures.Ids;
        var outcomes = await db.MeasureOutcomes.AsNoTracking()
            .Where(o => o.RunId == runId && measures.Contains(o.MeasureId))
            .Select(o => new { o.Source, o.PatientId, o.MeasureId, o.GapStatus, o.DueDate, o.Numerator })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var open = outcomes.Where(o => o.GapStatus == "open").ToDictionary(o => (o.Source, o.PatientId, o.MeasureId));
        var met = outcomes.Where(o => o.Numerator).Select(o => (o.Source, o.PatientId, o.MeasureId)).ToHashSet();
        var openPatients = open.Keys.Select(k => (k.Source, k.PatientId)).ToHashSet();
        var categories = (await db.MeasureRunPatients.AsNoTracking().Where(p => p.RunId == runId).ToListAsync(cancellationToken).ConfigureAwait(false))
            .Where(p => openPatients.Contains((p.Source, p.PatientId)))
            .ToDictionary(p => (p.Source, p.PatientId));
        var noShows = (await db.Appointments.AsNoTracking().Where(a => a.Status == "noshow")
                .GroupBy(a => new { a.Source, a.PatientId }).Select(g => new { g.Key.Source, g.Key.PatientId, Count = g.Count() })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToDictionary(a => (a.Source, a.PatientId), a => a.Count);

        var now = time.GetUtcNow();
        var items = await db.WorkItems.Where(i => measures.Contains(i.MeasureId)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var byKey = items.ToDictionary(i => (i.Source, i.PatientId, i.MeasureId));
        int created = 0, reopened = 0, closed = 0;
        foreach (var (key, gap) in open)
        {
            if (!byKey.TryGetValue(key, out var item))
            {
                item = new WorkItemRow { Source = key.Source, PatientId = key.PatientId, MeasureId = key.MeasureId, CreatedAt = now, OpenedRunId = runId };
                db.WorkItems.Add(item);
                created++;
            }
            else if (item.ClosedRunId is not null)
            {
                // Closed by an earlier sync and open again (a new period's screening): worked afresh, history kept.
                item.Status = WorkItemStatus.New;
                item.ClosedRunId = null;
                item.ClosedReason = null;
                reopened++;
            }

            item.DueDate = gap.DueDate;
            item.LastOpenRunId = runId;
            item.UpdatedAt = now;
            item.PriorNoShows = noShows.GetValueOrDefault((key.Source, key.PatientId));
            if (categories.TryGetValue((key.Source, key.PatientId), out var patient))
            {
                item.RaceEthnicity = patient.RaceEthnicity;
                item.Language = patient.Language;
                item.Payer = patient.Payer;
                item.Rurality = patient.Rurality;
            }
        }

        foreach (var item in items.Where(i => !open.ContainsKey((i.Source, i.PatientId, i.MeasureId)) && i.ClosedRunId is null
            && i.Status != WorkItemStatus.Completed))
        {
            item.Status = WorkItemStatus.Completed;
            item.ClosedRunId = runId;
            item.ClosedReason = met.Contains((item.Source, item.PatientId, item.MeasureId)) ? WorkItemCloseReason.ExamArrived : WorkItemCloseReason.NoLongerDue;
            item.UpdatedAt = now;
            closed++;
        }

        await ReadChannelsAsync(db, db.WorkItems.Local.Where(i => i.LastOpenRunId == runId).ToList(), cancellationToken).ConfigureAwait(false);
        db.WorklistSyncs.Add(new WorklistSyncRow { RunId = runId, SyncedAt = now, Created = created, Reopened = reopened, Closed = closed });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new WorklistSyncResult(runId, false, created, reopened, closed);
    }

    /// <summary>Syncs the latest completed run unless it is synced already (at start: a run that completed just before
    /// the app stopped is taken in); null when there is no completed run.</summary>
    public async Task<WorklistSyncResult?> SyncLatestAsync(CancellationToken cancellationToken)
    {
        long? latest;
        await using (var db = store.CreateDbContext())
        {
            latest = await db.MeasureRuns.Where(r => r.Status == MeasureRunStatus.Completed)
                .MaxAsync(r => (long?)r.Id, cancellationToken).ConfigureAwait(false);
        }

        return latest is { } id ? await SyncAsync(id, cancellationToken).ConfigureAwait(false) : null;
    }

    private static async Task ReadChannelsAsync(RadEquityDbContext db, IReadOnlyList<WorkItemRow> items, CancellationToken cancellationToken)
    {
        foreach (var source in items.GroupBy(i => i.Source, StringComparer.Ordinal))
        {
            var channels = await PatientTelecom.ReadChannelsAsync(db, source.Key,
                source.Select(i => i.PatientId).Distinct(StringComparer.Ordinal).ToList(), cancellationToken).ConfigureAwait(false);
            foreach (var item in source)
            {
                item.Channels = channels.TryGetValue(item.PatientId, out var systems) ? string.Join(' ', systems) : "";
            }
        }
    }
}
