namespace RadEquity.Data.Model;

/// <summary>The values of <see cref="MemberOrganisationRow.Kind"/>: a fixed list, so the home page can group by it.</summary>
public static class OrganisationKind
{
    public const string Society = "society";
    public const string Practice = "practice";
    public const string AcademicCentre = "academic";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [Society, Practice, AcademicCentre, Other];
}

/// <summary>A row of <c>member_organisations</c>: an organisation of the coalition, managed by staff, listed on the hub's home.</summary>
public sealed class MemberOrganisationRow
{
    public const int NameLength = 200;
    public const int UrlLength = 500;
    public const int SummaryLength = 2000;

    public long Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>One of <see cref="OrganisationKind"/>.</summary>
    public string Kind { get; set; } = OrganisationKind.Other;
    /// <summary>An absolute http or https address, or null.</summary>
    public string? Website { get; set; }
    /// <summary>Plain text as typed; HTML-encoded only when shown.</summary>
    public string Summary { get; set; } = "";
    public DateOnly JoinedOn { get; set; }
    /// <summary>
    /// For a practice: the address of its own RadEquity instance, so the coalition can later read its benchmarks. Only
    /// stored for now; nothing calls it yet.
    /// </summary>
    public string? LinkedInstanceUrl { get; set; }
}

/// <summary>
/// A row of <c>disparity_facts</c>: one published figure on the disparities page, with its source. Its text is written
/// per language; a missing Spanish text falls back to the English one.
/// </summary>
public sealed class DisparityFactRow
{
    public const int FigureLength = 40;
    public const int StatementLength = 1000;
    public const int SourceTitleLength = 300;
    public const int UrlLength = 500;

    public long Id { get; set; }
    /// <summary>The page's order, smallest first; ties by id.</summary>
    public int Position { get; set; }
    /// <summary>The headline figure (<c>42%</c>, <c>56% vs 84%</c>); the same in every language.</summary>
    public string Figure { get; set; } = "";
    public string StatementEn { get; set; } = "";
    public string? StatementEs { get; set; }
    public string SourceTitle { get; set; } = "";
    /// <summary>An absolute http or https address.</summary>
    public string SourceUrl { get; set; } = "";
    public int SourceYear { get; set; }
}

/// <summary>A row of <c>organisation_join_requests</c>: an organisation asking to join, stored for staff.</summary>
public sealed class OrganisationJoinRequestRow
{
    public const int MessageLength = 4000;

    public long Id { get; set; }
    public string Organisation { get; set; } = "";
    /// <summary>One of <see cref="OrganisationKind"/>.</summary>
    public string Kind { get; set; } = OrganisationKind.Other;
    public string? Website { get; set; }
    public string ContactName { get; set; } = "";
    /// <summary>Personal data: shown to staff only, never logged.</summary>
    public string Email { get; set; } = "";
    public string Message { get; set; } = "";
    public string Culture { get; set; } = "en";
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? HandledAt { get; set; }
}

/// <summary>A row of <c>contact_messages</c>: a message from the hub's contact form, stored for staff.</summary>
public sealed class ContactMessageRow
{
    public const int NameLength = 200;
    public const int EmailLength = 254;
    public const int SubjectLength = 200;
    public const int MessageLength = 4000;

    public long Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Personal data: shown to staff only, never logged.</summary>
    public string Email { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Message { get; set; } = "";
    public string Culture { get; set; } = "en";
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? HandledAt { get; set; }
}

/// <summary>
/// A row of <c>coalition_members</c>: what a person gave when joining through <c>/coalition/join</c>, beside their
/// account (one row per user, deleted with it). The organisation is optional and unlinked if staff delete it.
/// </summary>
public sealed class CoalitionMemberRow
{
    public string UserId { get; set; } = "";
    public string Name { get; set; } = "";
    public long? OrganisationId { get; set; }
    public string Culture { get; set; } = "en";
    public DateTimeOffset JoinedAt { get; set; }
}
