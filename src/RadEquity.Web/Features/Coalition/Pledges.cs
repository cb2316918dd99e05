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

/// <summary>What following a signed link did.</summary>
internal enum LinkOutcome
{
    Done,
    /// <summary>Done before: following the link again changes nothing.</summary>
    AlreadyDone,
    /// <summary>Tampered, expired, for another purpose, or its pledge no longer exists.</summary>
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

    public async Task<LinkOutcome> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        if (await FindAsync(PledgeLink.Confirm, token, cancellationToken).ConfigureAwait(false) is not { } row)
        {
            return LinkOutcome.Invalid;
        }

        if (row.ConfirmedAt is not null)
        {
            return LinkOutcome.AlreadyDone;
        }

        row.ConfirmedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return LinkOutcome.Done;
    }

    public async Task<LinkOutcome> UnsubscribeAsync(string? token, CancellationToken cancellationToken)
    {
        if (await FindAsync(PledgeLink.Unsubscribe, token, cancellationToken).ConfigureAwait(false) is not { } row)
        {
            return LinkOutcome.Invalid;
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
    public Task<PledgeRow?> FindMyDataAsync(string? token, CancellationToken cancellationToken) =>
        FindAsync(PledgeLink.MyData, token, cancellationToken);

    /// <summary>Deletes the pledge a data-rights link names: the row is gone, not flagged.</summary>
    public async Task<LinkOutcome> DeleteAsync(string? token, CancellationToken cancellationToken)
    {
        if (await FindAsync(PledgeLink.MyData, token, cancellationToken).ConfigureAwait(false) is not { } row)
        {
            return LinkOutcome.Invalid;
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

    private async Task<PledgeRow?> FindAsync(PledgeLink link, string? token, CancellationToken cancellationToken)
    {
        if (tokens.Read(link, token) is not { } named)
        {
            return null;
        }

        var (id, email) = named;
        return await db.Pledges.SingleOrDefaultAsync(p => p.Id == id && p.Email == email, cancellationToken).ConfigureAwait(false);
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
