namespace RadEquity.Data.Model;

/// <summary>
/// A row of <c>pledges</c>: one person's "commit to act" for the coalition hub, keyed for merging by the normalised
/// e-mail address (unique). It counts, and shows on the public wall, only once <see cref="ConfirmedAt"/> is set by the
/// link in the confirmation e-mail (double opt-in).
/// </summary>
public sealed class PledgeRow
{
    public const int NameLength = 200;
    public const int EmailLength = 254;
    public const int OrganisationLength = 200;
    public const int CommitmentLength = 2000;

    public long Id { get; set; }
    /// <summary>Trimmed and lower-cased (see <c>Pledges.NormaliseEmail</c>); unique.</summary>
    public string Email { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>A code of the pledge form's role list (<c>radiologist</c>, ...).</summary>
    public string Role { get; set; } = "";
    public string Organisation { get; set; } = "";
    /// <summary>A USPS state code (<c>CA</c>, <c>DC</c>, ...).</summary>
    public string State { get; set; } = "";
    /// <summary>A code of the pledge form's practice-setting list.</summary>
    public string PracticeSetting { get; set; } = "";
    /// <summary>
    /// The action codes committed to, sorted and space-separated (<c>hours language measure</c>). A column rather than
    /// a table: the vocabulary is seven fixed codes without spaces, a pledge is read and written whole, and the wall
    /// counts actions over the confirmed pledges it reads anyway, so a join table would add writes and no query.
    /// </summary>
    public string Actions { get; set; } = "";
    /// <summary>Free text as typed; HTML-encoded only when shown.</summary>
    public string Commitment { get; set; } = "";
    /// <summary>Consent to show <see cref="Name"/> on the public wall.</summary>
    public bool ShowName { get; set; }
    /// <summary>The language of the form (<c>en</c>, <c>es</c>): e-mails are written in it.</summary>
    public string Culture { get; set; } = "en";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    /// <summary>Set by the unsubscribe link: no more e-mail except links the person asks for again.</summary>
    public DateTimeOffset? UnsubscribedAt { get; set; }
}

/// <summary>
/// A row of <c>pledge_follow_ups</c>: one follow-up e-mail (<see cref="Kind"/>) for one pledge, inserted — claimed —
/// before the e-mail is sent. The unique (pledge_id, kind) index is what makes a follow-up go out at most once, across
/// restarts and instances: whoever inserts the row sends; everyone else gets a constraint violation.
/// </summary>
public sealed class PledgeFollowUpRow
{
    public long Id { get; set; }
    public long PledgeId { get; set; }
    /// <summary>One of <see cref="PledgeFollowUpKind"/>.</summary>
    public string Kind { get; set; } = "";
    public DateTimeOffset ClaimedAt { get; set; }
    /// <summary>Null between the claim and the SMTP server's acceptance (and forever if the process died in between).</summary>
    public DateTimeOffset? SentAt { get; set; }
}

/// <summary>The values of <see cref="PledgeFollowUpRow.Kind"/>: months after confirmation.</summary>
public static class PledgeFollowUpKind
{
    public const string ThreeMonths = "3-months";
    public const string TwelveMonths = "12-months";
}
