using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RadEquity.Data;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Coalition;

/// <summary>
/// Follow-up e-mails 3 and 12 months after a pledge was confirmed. Each is claimed by inserting its
/// <c>pledge_follow_ups</c> row (unique per pledge and kind) in its own transaction before the e-mail is sent, so a
/// restart, a second pass or a second instance never sends one twice: at most once, by design. A send the SMTP server
/// refuses gives the claim back, so a later pass tries again.
/// </summary>
internal sealed class PledgeFollowUps(
    IServiceScopeFactory scopes, PledgeMail mail, IOptions<CoalitionOptions> options, TimeProvider time, ILogger<PledgeFollowUps> log)
    : BackgroundService
{
    private static readonly (string Kind, int Months)[] Schedule =
        [(PledgeFollowUpKind.ThreeMonths, 3), (PledgeFollowUpKind.TwelveMonths, 12)];

    private const int Batch = 50;

    /// <summary>One pass: sends every follow-up that is due; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        if (!mail.IsConfigured || options.Value.PublicUrl is not { } publicUrl)
        {
            return 0;
        }

        var sent = 0;
        var now = time.GetUtcNow();
        for (var i = 0; i < Schedule.Length; i++)
        {
            var (kind, months) = Schedule[i];
            var dueBefore = now.AddMonths(-months);
            // A pledge already due for the next follow-up skips this one (e.g. after a long outage).
            DateTimeOffset? skipBefore = i + 1 < Schedule.Length ? now.AddMonths(-Schedule[i + 1].Months) : null;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
            var due = await db.Pledges.AsNoTracking()
                .Where(p => p.ConfirmedAt != null && p.ConfirmedAt <= dueBefore && p.UnsubscribedAt == null)
                .Where(p => skipBefore == null || p.ConfirmedAt > skipBefore)
                .Where(p => !db.PledgeFollowUps.Any(f => f.PledgeId == p.Id && f.Kind == kind))
                .OrderBy(p => p.Id).Take(Batch).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var pledge in due)
            {
                if (await SendOneAsync(pledge, kind, publicUrl, cancellationToken).ConfigureAwait(false))
                {
                    sent++;
                }
            }
        }

        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.PublicUrl is null)
        {
            log.LogWarning("Coalition follow-up e-mails are off: they need RadEquity:Coalition:PublicUrl for their links.");
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(options.Value.FollowUpInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed pass (store or network down) must not stop the host, which is what an escaping exception does.
                log.LogError(e, "Coalition follow-ups: the pass failed; trying again in {Interval}.", options.Value.FollowUpInterval);
                await Task.Delay(options.Value.FollowUpInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<bool> SendOneAsync(PledgeRow pledge, string kind, Uri publicUrl, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
        var claim = new PledgeFollowUpRow { PledgeId = pledge.Id, Kind = kind, ClaimedAt = time.GetUtcNow() };
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            db.PledgeFollowUps.Add(claim);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Claimed by another pass or instance (or the pledge was just deleted): not ours to send.
            return false;
        }

        var outcome = await mail.SendFollowUpAsync(pledge, kind, publicUrl, cancellationToken).ConfigureAwait(false);
        if (outcome == MailOutcome.Sent)
        {
            claim.SentAt = time.GetUtcNow();
        }
        else
        {
            db.PledgeFollowUps.Remove(claim);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return outcome == MailOutcome.Sent;
    }
}
