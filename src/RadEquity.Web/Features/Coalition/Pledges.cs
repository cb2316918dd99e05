using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Coalition;

/// <summary>What became of a submitted pledge (the page says the same to everyone, so it reveals no address).</summary>
internal enum SubmitOutcome
{
    /// <summary>New or still unconfirmed: a confirmation e-mail went out.</summary>
    ConfirmationSent,
    /// <summary>Already confirmed: left as it is, and the address was mailed its data link.</summary>
    AlreadyConfirmed,
    /// <summary>The address unsubscribed: the pledge was updated, no e-mail.</summary>
    Unsubscribed,
    MailNotConfigured,
    MailFailed,
}

/// <summary>What a signed link did, or would do.</summary>
internal enum LinkOutcome
{
    Done,
    /// <summary>Done before: following the link again changes nothing.</summary>
    AlreadyDone,
    /// <summary>
    /// Valid and not done yet: the page asks for the button. Opening a link only looks; mail scanners open links too,
    /// and must not confirm or unsubscribe anyone.
    /// </summary>
    Ready,
    /// <summary>Valid once, but past its lifetime: a new one is needed.</summary>
    Expired,
    /// <summary>Tampered, for another purpose, or its pledge no longer exists.</summary>
    Invalid,
}

/// <summary>
/// The pledges of the coalition hub: submit (merged by normalised e-mail), confirm, unsubscribe, and the person's own
/// data (export, delete) through signed links; see docs/adr/0006-coalition-pledges.md.
/// </summary>
internal sealed class Pledges(RadEquityDbContext db, PledgeTokens tokens, PledgeMail mail, TimeProvider time, ILogger<Pledges> log)
{
    /// <summary>
    /// Trimmed and lower-cased. The local part is case-sensitive in theory but not at any real provider; dots and
    /// <c>+tags</c> are left alone, because their meaning differs between providers.
    /// </summary>
    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>
    /// Saves the pledge, or updates the unconfirmed one with the same address, and sends the confirmation e-mail (not
    /// to an address that unsubscribed). A confirmed pledge is left as it is.
    /// </summary>
    public async Task<SubmitOutcome> SubmitAsync(PledgeInput input, string culture, Uri baseUrl, CancellationToken cancellationToken)
    {
        var email = NormaliseEmail(input.Email);
        // A confirmed pledge is on the public wall: only its mailbox may change it, or anyone knowing the address could
        // rewrite the name and words shown. The address gets its data link instead (see, export or delete, then pledge
        // again); the page says the same as for a new pledge, so it reveals nothing about the address.
        var confirmed = await db.Pledges.AsNoTracking()
            .SingleOrDefaultAsync(p => p.Email == email && p.ConfirmedAt != null, cancellationToken).ConfigureAwait(false);
        if (confirmed is not null)
        {
            if (confirmed.UnsubscribedAt is null
                && await mail.SendMyDataLinkAsync(confirmed, baseUrl, cancellationToken).ConfigureAwait(false) == MailOutcome.Failed)
            {
                return SubmitOutcome.MailFailed;
            }

            return SubmitOutcome.AlreadyConfirmed;
        }

        PledgeRow row;
        try
        {
            row = await SaveAsync(email, input, culture, cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Two submissions for a new address at once: the unique index let one insert win; this one updates it.
            db.ChangeTracker.Clear();
            row = await SaveAsync(email, input, culture, cancellationToken).ConfigureAwait(false);
        }

        if (row.ConfirmedAt is not null)
        {
            // Confirmed between the check above and the save (the same person in two tabs).
            return SubmitOutcome.AlreadyConfirmed;
        }

        if (row.UnsubscribedAt is not null)
        {
            log.LogInformation("Pledge {PledgeId} updated; its address unsubscribed, so no confirmation was sent.", row.Id);
            return SubmitOutcome.Unsubscribed;
        }

        return await mail.SendConfirmationAsync(row, baseUrl, cancellationToken).ConfigureAwait(false) switch
        {
            MailOutcome.Sent => SubmitOutcome.ConfirmationSent,
            MailOutcome.NotConfigured => SubmitOutcome.MailNotConfigured,
            MailOutcome.Failed => SubmitOutcome.MailFailed,
            _ => throw new InvalidOperationException("Unknown mail outcome."),
        };
    }

    /// <summary>What the confirmation link would do, without doing it (the page behind the link, opened by GET).</summary>
    public async Task<LinkOutcome> CheckConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        var (row, invalid) = await FindAsync(PledgeLink.Confirm, token, cancellationToken).ConfigureAwait(false);
        return row is null ? invalid : row.ConfirmedAt is null ? LinkOutcome.Ready : LinkOutcome.AlreadyDone;
    }

    public async Task<LinkOutcome> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        var (row, invalid) = await FindAsync(PledgeLink.Confirm, token, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return invalid;
        }

        if (row.ConfirmedAt is not null)
        {
            return LinkOutcome.AlreadyDone;
        }

        row.ConfirmedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return LinkOutcome.Done;
    }

    /// <summary>What the unsubscribe link would do, without doing it.</summary>
    public async Task<LinkOutcome> CheckUnsubscribeAsync(string? token, CancellationToken cancellationToken)
    {
        var (row, invalid) = await FindAsync(PledgeLink.Unsubscribe, token, cancellationToken).ConfigureAwait(false);
        return row is null ? invalid : row.UnsubscribedAt is null ? LinkOutcome.Ready : LinkOutcome.AlreadyDone;
    }

    public async Task<LinkOutcome> UnsubscribeAsync(string? token, CancellationToken cancellationToken)
    {
        var (row, invalid) = await FindAsync(PledgeLink.Unsubscribe, token, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return invalid;
        }

        if (row.UnsubscribedAt is not null)
        {
            return LinkOutcome.AlreadyDone;
        }

        row.UnsubscribedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return LinkOutcome.Done;
    }

    /// <summary>
    /// Mails a link to the person's data if the address has a pledge; nothing otherwise. Sent even after unsubscribing:
    /// the person asked for this one.
    /// </summary>
    public async Task<MailOutcome> SendMyDataLinkAsync(string email, Uri baseUrl, CancellationToken cancellationToken)
    {
        var normalised = NormaliseEmail(email);
        var row = await db.Pledges.AsNoTracking().SingleOrDefaultAsync(p => p.Email == normalised, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return mail.IsConfigured ? MailOutcome.Sent : MailOutcome.NotConfigured;
        }

        return await mail.SendMyDataLinkAsync(row, baseUrl, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The pledge a data-rights link names; null for an invalid link.</summary>
    public async Task<PledgeRow?> FindMyDataAsync(string? token, CancellationToken cancellationToken) =>
        (await FindAsync(PledgeLink.MyData, token, cancellationToken).ConfigureAwait(false)).Row;

    /// <summary>Deletes the pledge a data-rights link names: the row is gone, not flagged.</summary>
    public async Task<LinkOutcome> DeleteAsync(string? token, CancellationToken cancellationToken)
    {
        var (row, invalid) = await FindAsync(PledgeLink.MyData, token, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return invalid;
        }

        db.Pledges.Remove(row);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        log.LogInformation("Pledge {PledgeId} deleted at its owner's request.", row.Id);
        return LinkOutcome.Done;
    }

    /// <summary>The public wall: confirmed pledges only, the newest first, and counts over all of them.</summary>
    public async Task<PledgeWall> WallAsync(int entries, CancellationToken cancellationToken)
    {
        var confirmed = await db.Pledges.AsNoTracking().Where(p => p.ConfirmedAt != null)
            .Select(p => new { p.Name, p.ShowName, p.Commitment, p.ConfirmedAt, p.State, p.Role, p.Actions })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var shown = confirmed.OrderByDescending(p => p.ConfirmedAt).Take(entries)
            .Select(p => new WallEntry(p.ShowName ? p.Name : null, p.Commitment, p.ConfirmedAt!.Value))
            .ToList();
        return new PledgeWall(
            confirmed.Count,
            shown,
            Count(confirmed.Select(p => p.State)),
            Count(confirmed.Select(p => p.Role)),
            Count(confirmed.SelectMany(p => p.Actions.Split(' ', StringSplitOptions.RemoveEmptyEntries))));
    }

    private static List<KeyValuePair<string, int>> Count(IEnumerable<string> codes) =>
        [.. codes.GroupBy(c => c, StringComparer.Ordinal).Select(g => KeyValuePair.Create(g.Key, g.Count()))
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)];

    private async Task<PledgeRow> SaveAsync(string email, PledgeInput input, string culture, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var row = await db.Pledges.SingleOrDefaultAsync(p => p.Email == email, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            row = new PledgeRow { Email = email, CreatedAt = now };
            db.Pledges.Add(row);
        }

        row.Name = input.Name.Trim();
        row.Role = input.Role;
        row.Organisation = input.Organisation.Trim();
        row.State = input.State;
        row.PracticeSetting = input.PracticeSetting;
        row.Actions = string.Join(' ', input.Actions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        row.Commitment = input.Commitment.Trim();
        row.ShowName = input.ShowName;
        row.Culture = culture;
        row.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return row;
    }

    /// <summary>The pledge a link names, or null and why not (<see cref="LinkOutcome.Expired"/> or <see cref="LinkOutcome.Invalid"/>).</summary>
    private async Task<(PledgeRow? Row, LinkOutcome Invalid)> FindAsync(PledgeLink link, string? token, CancellationToken cancellationToken)
    {
        var read = tokens.Read(link, token);
        if (!read.IsValid)
        {
            return (null, read.Expired ? LinkOutcome.Expired : LinkOutcome.Invalid);
        }

        var row = await db.Pledges.SingleOrDefaultAsync(p => p.Id == read.PledgeId && p.Email == read.Email, cancellationToken).ConfigureAwait(false);
        return (row, LinkOutcome.Invalid);
    }
}

internal sealed record WallEntry(string? DisplayName, string Commitment, DateTimeOffset ConfirmedAt);

/// <summary>The public wall: how many confirmed pledges, the newest entries, and counts by state, role and action code.</summary>
internal sealed record PledgeWall(
    int Confirmed,
    IReadOnlyList<WallEntry> Entries,
    IReadOnlyList<KeyValuePair<string, int>> ByState,
    IReadOnlyList<KeyValuePair<string, int>> ByRole,
    IReadOnlyList<KeyValuePair<string, int>> ByAction);
