using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RadEquity.Data;
using RadEquity.Data.Outreach;

namespace RadEquity.Web.Features.Outreach;

/// <summary>Why an attempt was not made: the values of <c>outreach_attempts.reason</c> for skipped attempts.</summary>
internal static class SkipReason
{
    public const string OptedOut = "opted-out";
    public const string QuietHours = "quiet-hours";
    public const string Cap = "cap";
    public const string NoContact = "no-contact";
}

/// <summary>The values of <c>outreach_attempts.outcome</c>.</summary>
internal static class AttemptOutcome
{
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
    /// <summary>A text the patient sent back (STOP, START, HELP or anything else); its reason says which.</summary>
    public const string Reply = "reply";

    /// <summary>
    /// The outcomes that count towards the contact cap: what the app sent, and a navigator's contacts that reached the
    /// patient or left them a message. A call nobody answered or a wrong number did not reach anyone.
    /// </summary>
    public static readonly IReadOnlyList<string> CountsTowardsCap = [Sent, "reached", "left-message", "scheduled", "declined"];
}

/// <summary>
/// Quiet hours: the practice's local night, when texts and calls wake people. Pure (the time comes in), so the rule is
/// tested with any clock.
/// </summary>
internal static class QuietHours
{
    /// <summary>Whether <paramref name="now"/> falls in quiet hours in the practice's time zone.</summary>
    public static bool Contains(DateTimeOffset now, OutreachOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var (start, end) = (options.QuietHoursStart, options.QuietHoursEnd);
        // A window across midnight (20:00-08:00) is the complement of the day between its ends.
        return start <= end ? local >= start && local < end : local >= start || local < end;
    }

    /// <summary>Whether the rule applies to a channel: texts and calls reach people at once; e-mail and letters wait.</summary>
    public static bool AppliesTo(Channel channel) => channel is Channel.Sms or Channel.Phone;
}

/// <summary>The contact-frequency cap: at most N messages sent to a patient within a rolling window.</summary>
internal static class ContactCap
{
    public static bool IsReached(int sentInWindow, OutreachOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return sentInWindow >= options.CapMessages;
    }
}

/// <summary>
/// The rules before a message or a call, in order — opt-out, contact detail, quiet hours, contact cap. Delivery skips a
/// message for the first that applies; the work item page shows a navigator every one that applies before a call.
/// </summary>
internal sealed class ContactRules(RadEquityDbContext db, IOptions<OutreachOptions> options)
{
    /// <summary>Every rule that stops contact on <paramref name="channel"/> now (<see cref="SkipReason"/> values), in order; empty when none.</summary>
    public async Task<IReadOnlyList<string>> BlockingAsync(string source, string patientId, Channel channel, PatientContact? contact,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reasons = new List<string>(4);
        var name = MessageTemplates.Name(channel);
        if (await db.OutreachOptOuts.AsNoTracking()
                .AnyAsync(o => o.Source == source && o.PatientId == patientId && (o.Channel == name || o.Channel == OptOuts.All), cancellationToken)
                .ConfigureAwait(false))
        {
            reasons.Add(SkipReason.OptedOut);
        }

        var reachable = channel switch
        {
            Channel.Sms or Channel.Phone => contact?.Phone is not null,
            Channel.Email => contact?.Email is not null,
            Channel.Letter => contact?.HasAddress == true,
            _ => false,
        };
        if (!reachable)
        {
            reasons.Add(SkipReason.NoContact);
        }

        if (QuietHours.AppliesTo(channel) && QuietHours.Contains(now, options.Value))
        {
            reasons.Add(SkipReason.QuietHours);
        }

        var since = now - options.Value.CapWindow;
        var counted = AttemptOutcome.CountsTowardsCap;
        var contacts = await db.OutreachAttempts.AsNoTracking()
            .CountAsync(a => a.Source == source && a.PatientId == patientId && counted.Contains(a.Outcome) && a.AttemptedAt > since,
                cancellationToken).ConfigureAwait(false);
        if (ContactCap.IsReached(contacts, options.Value))
        {
            reasons.Add(SkipReason.Cap);
        }

        return reasons;
    }
}
