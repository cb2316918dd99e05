using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Measures;
using RadEquity.Data.Model;
using RadEquity.Engine.Disclosure;
using RadEquity.Engine.Strata;
using RadEquity.Web.Features.Outreach;

namespace RadEquity.Web.Features.Campaigns;

/// <summary>How far a campaign's members have come.</summary>
internal sealed record Funnel(int Members, int Contacted, int Scheduled, int Completed);

/// <summary>One stratum's funnel; a step is null where the small-cell gate withheld it.</summary>
internal sealed record StratumFunnel(string Category, long? Members, long? Contacted, long? Scheduled, long? Completed);

/// <summary>Where one member is in the funnel, with their category on the chosen stratifier.</summary>
internal sealed record MemberProgress(CampaignMemberRow Member, bool Contacted, bool Scheduled, bool Completed, string Category);

/// <summary>
/// Tracks a campaign: each member is <b>contacted</b> once a message went (its own, or any contact since the campaign
/// began in <c>outreach_attempts</c>, the one per-patient log: a send, a navigator's call or visit that reached the
/// patient or left a message, or a reply from the patient; a call nobody answered is not a contact), <b>scheduled</b>
/// once the work item is scheduled, an appointment was booked since the campaign began, or the exam is done, and
/// <b>completed</b> once the gap closed: the item closed by a run with "exam arrived", or the measure met for the patient in
/// a completed run after the baseline. Counts per stratum go through <see cref="SmallCellGate"/>.
/// </summary>
internal sealed class CampaignTracking(RadEquityDbContext db, StoreTarget store, TimeProvider time)
{
    /// <summary>Appointment statuses that mean a booking was made (FHIR Appointment.status).</summary>
    private static readonly string[] Booked = ["booked", "arrived", "checked-in", "fulfilled"];

    /// <summary>Every member's progress, in member order, with the member's category on <paramref name="stratifierId"/> in
    /// the baseline run (Unknown without one).</summary>
    public async Task<IReadOnlyList<MemberProgress>> ProgressAsync(CampaignRow campaign, string stratifierId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var members = await db.CampaignMembers.AsNoTracking().Where(m => m.CampaignId == campaign.Id).OrderBy(m => m.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var since = campaign.CreatedAt;
        var id = campaign.Id;
        var memberPatients = db.CampaignMembers.Where(m => m.CampaignId == id);
        string[] contacts = [.. AttemptOutcome.CountsTowardsCap, AttemptOutcome.Reply];
        var attempted = (await db.OutreachAttempts.AsNoTracking()
                .Where(a => a.AttemptedAt >= since && contacts.Contains(a.Outcome)
                    && memberPatients.Any(m => m.Source == a.Source && m.PatientId == a.PatientId))
                .Select(a => new { a.Source, a.PatientId }).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(a => (a.Source, a.PatientId)).ToHashSet();
        var items = await db.WorkItems.AsNoTracking().Where(i => memberPatients.Any(m => m.WorkItemId == i.Id))
            .Select(i => new { i.Id, i.Status, i.ClosedReason, i.ClosedRunId }).ToDictionaryAsync(i => i.Id, cancellationToken).ConfigureAwait(false);
        var booked = (await db.Appointments.AsNoTracking()
                .Where(a => Booked.Contains(a.Status) && memberPatients.Any(m => m.Source == a.Source && m.PatientId == a.PatientId))
                .Select(a => new { a.Source, a.PatientId, a.CreatedAt, a.StartsAt }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .Where(a => (a.CreatedAt ?? a.StartsAt) >= since)
            .Select(a => (a.Source, a.PatientId)).ToHashSet();

        var runs = new MeasureRunStore(store, time);
        var latest = await runs.LatestCompletedRunAsync(cancellationToken).ConfigureAwait(false);
        var met = new HashSet<(string, string)>();
        if (latest is not null && latest.Id > (campaign.BaselineRunId ?? 0))
        {
            var latestId = latest.Id;
            met = (await db.MeasureOutcomes.AsNoTracking()
                    .Where(o => o.RunId == latestId && o.MeasureId == campaign.MeasureId && o.Numerator
                        && memberPatients.Any(m => m.Source == o.Source && m.PatientId == o.PatientId))
                    .Select(o => new { o.Source, o.PatientId }).ToListAsync(cancellationToken).ConfigureAwait(false))
                .Select(o => (o.Source, o.PatientId)).ToHashSet();
        }

        var categories = await CategoriesAsync(campaign, stratifierId, cancellationToken).ConfigureAwait(false);
        return members.Select(m =>
        {
            var item = items.GetValueOrDefault(m.WorkItemId);
            var completed = (item is not null && item.ClosedReason == WorkItemCloseReason.ExamArrived && item.ClosedRunId > (campaign.BaselineRunId ?? 0))
                || met.Contains((m.Source, m.PatientId));
            var scheduled = completed || item?.Status == WorkItemStatus.Scheduled || booked.Contains((m.Source, m.PatientId));
            var contacted = m.State == CampaignMemberState.Sent || attempted.Contains((m.Source, m.PatientId));
            return new MemberProgress(m, contacted, scheduled, completed, categories.GetValueOrDefault((m.Source, m.PatientId), Stratifier.Unknown));
        }).ToList();
    }

    public static Funnel FunnelOf(IReadOnlyList<MemberProgress> progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return new Funnel(progress.Count, progress.Count(p => p.Contacted), progress.Count(p => p.Scheduled), progress.Count(p => p.Completed));
    }

    /// <summary>The funnel per category, each step through the small-cell gate as a cell (members, step): a category of 1 to
    /// 10 members, or a step of 1 to 10 (or within 10 of all), is withheld, with complementary suppression.</summary>
    public static IReadOnlyList<StratumFunnel> ByStratum(string measureId, string stratifierId, IReadOnlyList<MemberProgress> progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var groups = progress.GroupBy(p => p.Category, StringComparer.Ordinal).ToList();
        if (groups.Count == 0)
        {
            return [];
        }

        IReadOnlyDictionary<string, long?> Step(Func<MemberProgress, bool> reached)
        {
            var table = new AggregateTable([stratifierId],
                groups.Select(g => new AggregateCell([g.Key], new CellCounts(g.Count(), g.Count(reached)))).ToList());
            var released = SmallCellGate.Disclose(new AggregateRelease(measureId, [table]));
            return released.Tables[0].Cells.ToDictionary(c => c.Categories[0], c => c.Counts?.Numerator, StringComparer.Ordinal);
        }

        var contacted = Step(p => p.Contacted);
        var scheduled = Step(p => p.Scheduled);
        var completed = Step(p => p.Completed);
        var order = Stratifiers.Find(stratifierId);
        return groups
            .OrderBy(g => order?.IndexOf(g.Key) is { } i && i >= 0 ? i : int.MaxValue).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                // A category's size is published only where the gate published its cell in every step, so no withheld
                // cell can be worked out from the sizes and the steps together.
                var published = contacted[g.Key] is not null && scheduled[g.Key] is not null && completed[g.Key] is not null;
                return new StratumFunnel(g.Key, published ? g.Count() : null, contacted[g.Key], scheduled[g.Key], completed[g.Key]);
            })
            .ToList();
    }

    private async Task<Dictionary<(string, string), string>> CategoriesAsync(CampaignRow campaign, string stratifierId, CancellationToken cancellationToken)
    {
        var column = RunStrata.Stored.ToList().FindIndex(s => s.Id == stratifierId);
        if (campaign.BaselineRunId is not { } runId || column < 0)
        {
            return [];
        }

        var id = campaign.Id;
        var rows = await db.MeasureRunPatients.AsNoTracking()
            .Where(p => p.RunId == runId && db.CampaignMembers.Any(m => m.CampaignId == id && m.Source == p.Source && m.PatientId == p.PatientId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => (r.Source, r.PatientId), r => column switch
        {
            0 => r.RaceEthnicity,
            1 => r.Language,
            2 => r.Payer,
            3 => r.Rurality,
            4 => r.Deprivation,
            5 => r.AgeBand,
            _ => r.Sex,
        });
    }
}
