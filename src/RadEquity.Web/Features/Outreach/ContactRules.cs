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
