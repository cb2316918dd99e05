using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Measures;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Outreach;

namespace RadEquity.Web.Features.Campaigns;

/// <summary>What a new campaign is: its name, cohort, channel and batch size.</summary>
internal sealed record CampaignDraft(string Name, CampaignCohort Cohort, Channel Channel, int BatchSize);

/// <summary>What one "send next batch" did.</summary>
internal sealed record BatchResult(int Batch, int Sent, int Skipped, int Failed, int Recovered, long? LetterBatchId);

/// <summary>Another request is claiming a batch of the same campaign at this moment.</summary>
internal sealed class CampaignBusyException() : InvalidOperationException("Another batch of this campaign is being claimed; try again.");

/// <summary>
/// Creates campaigns (freezing their members) and sends their batches through <see cref="Delivery"/>, so opt-outs, quiet
/// hours, caps and the attempt log all apply. A batch goes in three steps: one transaction claims its members (pending →
/// sending, with the batch number); each message is sent and its attempt logged; each member then gets its outcome. A
/// member left in <c>sending</c> by a crash is never sent again: the next batch first gives it the outcome of the attempt
/// logged for it, or <c>failed</c> / <c>interrupted</c> when none was (the message may or may not have left).
/// </summary>
internal sealed class CampaignSender(RadEquityDbContext db, StoreTarget store, CampaignCohorts cohorts, Delivery delivery, TimeProvider time)
{
    public const int MostBatchSize = 500;

    /// <summary>A claimed member older than this is taken as interrupted (a batch in flight finishes well within it).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(5);

    public const string Interrupted = "interrupted";

    /// <summary>Creates the campaign with its members frozen as the cohort matches now, and the baseline run; one transaction.</summary>
    public async Task<long> CreateAsync(CampaignDraft draft, string createdBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var members = await cohorts.MatchAsync(draft.Cohort, cancellationToken).ConfigureAwait(false);
        var baseline = await new MeasureRunStore(store, time).LatestCompletedRunAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var campaign = new CampaignRow
        {
            Name = draft.Name,
            MeasureId = draft.Cohort.MeasureId,
            Channel = MessageTemplates.Name(draft.Channel),
            Filters = draft.Cohort.ToJson(),
            BatchSize = draft.BatchSize,
            BaselineRunId = baseline?.Id,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = createdBy,
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.CampaignMembers.AddRange(members.Select(m => new CampaignMemberRow
        {
            CampaignId = campaign.Id,
            Source = m.Source,
            PatientId = m.PatientId,
            WorkItemId = m.WorkItemId,
        }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return campaign.Id;
    }

    /// <summary>Resolves interrupted members, then claims and sends the next batch; null when no member is pending.</summary>
    public async Task<BatchResult?> SendNextBatchAsync(long campaignId, Uri baseUrl, string sentBy, CancellationToken cancellationToken)
    {
        var recovered = await RecoverAsync(campaignId, cancellationToken).ConfigureAwait(false);
        var claimed = await ClaimAsync(campaignId, cancellationToken).ConfigureAwait(false);
        if (claimed is null)
        {
            return recovered > 0 ? new BatchResult(0, 0, 0, 0, recovered, null) : null;
        }

        var (campaign, batch, members) = claimed.Value;
        var channel = ChannelOf(campaign.Channel);
        long? letters = null;
        if (channel == Channel.Letter)
        {
            var letterBatch = new LetterBatchRow { CreatedAt = time.GetUtcNow(), CreatedBy = sentBy };
            db.LetterBatches.Add(letterBatch);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            letters = letterBatch.Id;
        }

        var gap = GapKinds.ForMeasure(campaign.MeasureId) ?? GapKind.FollowUp;
        var items = await db.WorkItems.AsNoTracking().Where(i => members.Select(m => m.WorkItemId).Contains(i.Id))
            .ToDictionaryAsync(i => i.Id, cancellationToken).ConfigureAwait(false);
        int sent = 0, skipped = 0, failed = 0;
        foreach (var member in members)
        {
            var item = items.GetValueOrDefault(member.WorkItemId);
            var request = new DeliveryRequest(member.Source, member.PatientId, gap, channel, item?.DueDate,
                item is null ? new HashSet<PatientBarrier>() : BarriersOf(Worklist.Barriers.Of(item)));
            var result = await delivery.SendAsync(request, baseUrl, letters, cancellationToken).ConfigureAwait(false);
            Record(member, result.Outcome, result.Reason, result.AttemptId, time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            switch (member.State)
            {
                case CampaignMemberState.Sent: sent++; break;
                case CampaignMemberState.Skipped: skipped++; break;
                default: failed++; break;
            }
        }

        return new BatchResult(batch, sent, skipped, failed, recovered, letters);
    }

    /// <summary>
    /// Claims the next pending members into a new batch, in one transaction: the campaign's batch count is the concurrency
    /// token, so of two requests claiming at once one fails (<see cref="CampaignBusyException"/>) and no member is claimed
    /// twice. The claimed members stay tracked by this context. Null when none is pending.
    /// </summary>
    internal async Task<(CampaignRow Campaign, int Batch, IReadOnlyList<CampaignMemberRow> Members)?> ClaimAsync(long campaignId,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var campaign = await db.Campaigns.SingleAsync(c => c.Id == campaignId, cancellationToken).ConfigureAwait(false);
        var members = await db.CampaignMembers
            .Where(m => m.CampaignId == campaignId && m.State == CampaignMemberState.Pending)
            .OrderBy(m => m.Id).Take(campaign.BatchSize)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (members.Count == 0)
        {
            return null;
        }

        campaign.Batches++;
        var now = time.GetUtcNow();
        foreach (var member in members)
        {
            member.State = CampaignMemberState.Sending;
            member.Batch = campaign.Batches;
            member.ClaimedAt = now;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new CampaignBusyException();
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (campaign, campaign.Batches, members);
    }

    /// <summary>
    /// Gives members a crash left in <c>sending</c> (claimed longer than <see cref="StaleAfter"/> ago) the outcome of the
    /// attempt logged for them since their claim (same patient, channel and template), or <c>failed</c> /
    /// <see cref="Interrupted"/>; never sends. Returns how many it resolved.
    /// </summary>
    internal async Task<int> RecoverAsync(long campaignId, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId, cancellationToken).ConfigureAwait(false);
        var before = time.GetUtcNow() - StaleAfter;
        var stuck = await db.CampaignMembers
            .Where(m => m.CampaignId == campaignId && m.State == CampaignMemberState.Sending && m.ClaimedAt <= before)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (stuck.Count == 0)
        {
            return 0;
        }

        var template = MessageTemplates.Key(GapKinds.ForMeasure(campaign.MeasureId) ?? GapKind.FollowUp, ChannelOf(campaign.Channel));
        foreach (var member in stuck)
        {
            var claimedAt = member.ClaimedAt!.Value;
            var attempt = await db.OutreachAttempts.AsNoTracking()
                .Where(a => a.Source == member.Source && a.PatientId == member.PatientId && a.Channel == campaign.Channel
                    && a.Template == template && a.AttemptedAt >= claimedAt)
                .OrderBy(a => a.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (attempt is null)
            {
                Record(member, AttemptOutcome.Failed, Interrupted, null, null);
            }
            else
            {
                Record(member, attempt.Outcome, attempt.Reason, attempt.Id, attempt.AttemptedAt);
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return stuck.Count;
    }

    public static Channel ChannelOf(string name) => name switch
    {
        "sms" => Channel.Sms,
        "email" => Channel.Email,
        "letter" => Channel.Letter,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "A campaign sends by sms, email or letter."),
    };

    /// <summary>The message blocks that answer a work item's barriers: cost for the uninsured, distance for rural patients,
    /// evening and weekend hours after prior no-shows (Delivery adds the interpreter block from the patient's record).</summary>
    public static HashSet<PatientBarrier> BarriersOf(IReadOnlyList<string> barriers)
    {
        ArgumentNullException.ThrowIfNull(barriers);
        var blocks = new HashSet<PatientBarrier>();
        foreach (var barrier in barriers)
        {
            switch (barrier)
            {
                case Worklist.Barriers.Uninsured: blocks.Add(PatientBarrier.Cost); break;
                case Worklist.Barriers.Rural: blocks.Add(PatientBarrier.Distance); break;
                case Worklist.Barriers.PriorNoShows: blocks.Add(PatientBarrier.Time); break;
                case Worklist.Barriers.Interpreter: blocks.Add(PatientBarrier.Language); break;
                default: break;
            }
        }

        return blocks;
    }

    private static void Record(CampaignMemberRow member, string outcome, string? reason, long? attemptId, DateTimeOffset? at)
    {
        member.State = outcome switch
        {
            AttemptOutcome.Sent => CampaignMemberState.Sent,
            AttemptOutcome.Skipped => CampaignMemberState.Skipped,
            _ => CampaignMemberState.Failed,
        };
        member.Reason = reason;
        member.OutreachAttemptId = attemptId;
        member.SentAt = member.State == CampaignMemberState.Sent ? at : null;
    }
}
