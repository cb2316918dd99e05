namespace RadEquity.Data.Model;

/// <summary>
/// A row of <c>campaigns</c>: outreach to a cohort of one gap's open work items, by one channel, in batches. The cohort's
/// filters are kept as written (JSON) so the page can say whom the campaign was for; its members are frozen at creation.
/// </summary>
public sealed class CampaignRow
{
    public const int NameLength = 200;
    public const int FiltersLength = 2000;

    public long Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The worklist measure whose open gaps the campaign works.</summary>
    public string MeasureId { get; set; } = "";
    /// <summary>One of <c>sms</c>, <c>email</c>, <c>letter</c>.</summary>
    public string Channel { get; set; } = "";
    /// <summary>The cohort's filters, as JSON.</summary>
    public string Filters { get; set; } = "{}";
    public int BatchSize { get; set; }
    /// <summary>Batches claimed so far; also the concurrency token that lets one "send next batch" claim at a time.</summary>
    public int Batches { get; set; }
    /// <summary>The completed measure run current when the campaign was created (the "before" of its disparity).</summary>
    public long? BaselineRunId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}

/// <summary>
/// A row of <c>campaign_members</c>: one patient of a campaign and what became of their message. A member is claimed
/// into a batch (<see cref="CampaignMemberState.Sending"/>) before the message goes, and gets its outcome after, so a
/// crash in between never sends twice. PHI: shown only on audited pages.
/// </summary>
public sealed class CampaignMemberRow
{
    public long Id { get; set; }
    public long CampaignId { get; set; }
    public string Source { get; set; } = "";
    public string PatientId { get; set; } = "";
    public long WorkItemId { get; set; }
    /// <summary>The batch that claimed the member (1, 2, ...); null while pending.</summary>
    public int? Batch { get; set; }
    /// <summary>One of <see cref="CampaignMemberState"/>.</summary>
    public string State { get; set; } = CampaignMemberState.Pending;
    /// <summary>Why the member was skipped or failed (the attempt's reason, or <c>interrupted</c>).</summary>
    public string? Reason { get; set; }
    /// <summary>The <c>outreach_attempts</c> row of the member's message.</summary>
    public long? OutreachAttemptId { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

/// <summary>The states of a campaign member.</summary>
public static class CampaignMemberState
{
    public const string Pending = "pending";
    /// <summary>Claimed by a batch; the message is going (or went just before a crash).</summary>
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Skipped = "skipped";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Pending, Sending, Sent, Skipped, Failed];
}
