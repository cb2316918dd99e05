using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Coalition.Home;

/// <summary>What became of a join form (the page says the same for a new and a known address).</summary>
internal enum JoinOutcome
{
    ConfirmationSent,
    /// <summary>The password breaks the account rules; nothing was stored.</summary>
    PasswordRejected,
    MailNotConfigured,
    MailFailed,
}

/// <summary>
/// People joining the coalition: an account without any role until its address is confirmed by Identity's e-mail
/// confirmation token; confirming grants <see cref="Roles.Member"/>.
/// </summary>
internal sealed class MemberJoining(
    UserManager<RadEquityUser> users, RadEquityDbContext db, HomeMail mail, TimeProvider time, ILogger<MemberJoining> log)
{
    /// <summary>
    /// Creates the account and mails the confirmation link. A known address gets no second account and the same answer,
    /// so the form does not tell who has an account; its owner is mailed a notice instead.
    /// </summary>
    public async Task<JoinOutcome> JoinAsync(JoinInput input, string culture, Uri baseUrl, CancellationToken cancellationToken)
    {
        var email = input.Email.Trim();
        var probe = new RadEquityUser { UserName = email, Email = email };
        foreach (var validator in users.PasswordValidators)
        {
            if (!(await validator.ValidateAsync(users, probe, input.Password).ConfigureAwait(false)).Succeeded)
            {
                return JoinOutcome.PasswordRejected;
            }
        }

        if (await users.FindByEmailAsync(email).ConfigureAwait(false) is { } existing)
        {
            log.LogInformation("A join form named the address of existing user {UserId}; no account created.", existing.Id);
            return Outcome(await mail.SendAlreadyJoinedAsync(existing, culture, baseUrl, cancellationToken).ConfigureAwait(false));
        }

        var user = new RadEquityUser { UserName = email, Email = email, EmailConfirmed = false, CreatedAt = time.GetUtcNow() };
        var created = await users.CreateAsync(user, input.Password).ConfigureAwait(false);
        if (!created.Succeeded)
        {
            // The same address joined a moment ago (unique user name): treated like a known address.
            log.LogWarning("A join could not create an account: {Errors}", string.Join(", ", created.Errors.Select(e => e.Code)));
            return JoinOutcome.ConfirmationSent;
        }

        db.CoalitionMembers.Add(new CoalitionMemberRow
        {
            UserId = user.Id,
            Name = input.Name.Trim(),
            OrganisationId = input.Organisation,
            Culture = culture,
            JoinedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        log.LogInformation("User {UserId} joined the coalition; confirmation pending.", user.Id);
        var token = await users.GenerateEmailConfirmationTokenAsync(user).ConfigureAwait(false);
        var link = new Uri(baseUrl, "coalition/join/confirm?user=" + Uri.EscapeDataString(user.Id) + "&token=" + Uri.EscapeDataString(token)
            + "&culture=" + Uri.EscapeDataString(culture));
        return Outcome(await mail.SendJoinConfirmationAsync(user, input.Name.Trim(), culture, link, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>What the join link would do, without doing it (the page behind the link, opened by GET).</summary>
    public async Task<LinkOutcome> CheckAsync(string? userId, string? token)
    {
        if (await VerifiedAsync(userId, token).ConfigureAwait(false) is not { } user)
        {
            return LinkOutcome.Invalid;
        }

        return user.EmailConfirmed && await users.IsInRoleAsync(user, Roles.Member).ConfigureAwait(false)
            ? LinkOutcome.AlreadyDone
            : LinkOutcome.Ready;
    }

    /// <summary>Confirms the address and grants <see cref="Roles.Member"/>; again with the same link changes nothing.</summary>
    public async Task<LinkOutcome> ConfirmAsync(string? userId, string? token)
    {
        if (await VerifiedAsync(userId, token).ConfigureAwait(false) is not { } user)
        {
            return LinkOutcome.Invalid;
        }

        if (user.EmailConfirmed && await users.IsInRoleAsync(user, Roles.Member).ConfigureAwait(false))
        {
            return LinkOutcome.AlreadyDone;
        }

        if (!user.EmailConfirmed && !(await users.ConfirmEmailAsync(user, token!).ConfigureAwait(false)).Succeeded)
        {
            return LinkOutcome.Invalid;
        }

        if (!await users.IsInRoleAsync(user, Roles.Member).ConfigureAwait(false))
        {
            var added = await users.AddToRoleAsync(user, Roles.Member).ConfigureAwait(false);
            if (!added.Succeeded)
            {
                throw new InvalidOperationException("Could not grant Member: " + string.Join(", ", added.Errors.Select(e => e.Code)));
            }
        }

        log.LogInformation("User {UserId} confirmed their address and is a coalition member.", user.Id);
        return LinkOutcome.Done;
    }

    /// <summary>The account a join link names, if its token is Identity's e-mail confirmation token for that account.</summary>
    private async Task<RadEquityUser?> VerifiedAsync(string? userId, string? token)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(token) || await users.FindByIdAsync(userId).ConfigureAwait(false) is not { } user)
        {
            return null;
        }

        return await users.VerifyUserTokenAsync(user, users.Options.Tokens.EmailConfirmationTokenProvider,
            UserManager<RadEquityUser>.ConfirmEmailTokenPurpose, token).ConfigureAwait(false) ? user : null;
    }

    /// <summary>The organisations a person can name when joining, by name.</summary>
    public async Task<IReadOnlyList<(long Id, string Name)>> OrganisationChoicesAsync(CancellationToken cancellationToken) =>
        [.. (await db.MemberOrganisations.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name })
            .ToListAsync(cancellationToken).ConfigureAwait(false)).Select(o => (o.Id, o.Name))];

    private static JoinOutcome Outcome(MailOutcome sent) => sent switch
    {
        MailOutcome.Sent => JoinOutcome.ConfirmationSent,
        MailOutcome.NotConfigured => JoinOutcome.MailNotConfigured,
        MailOutcome.Failed => JoinOutcome.MailFailed,
        _ => throw new InvalidOperationException("Unknown mail outcome."),
    };

    internal static string Culture() => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
}
