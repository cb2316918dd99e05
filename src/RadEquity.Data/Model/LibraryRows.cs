namespace RadEquity.Data.Model;

/// <summary>
/// A row of <c>library_resources</c>: one entry of the coalition hub's resource library (a best practice, toolkit,
/// article, podcast or webinar). Members submit; it is public only once staff publish it.
/// </summary>
public sealed class LibraryResourceRow
{
    public const int TitleLength = 300;
    public const int SummaryLength = 2000;
    public const int SourceUrlLength = 2000;
    public const int OrganisationLength = 200;
    public const int ReasonLength = 1000;

    public long Id { get; set; }
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    /// <summary>One of the library's kind codes (<c>best-practice</c>, <c>toolkit</c>, ...).</summary>
    public string Kind { get; set; } = "";
    /// <summary>
    /// Topic tag codes, sorted and space-separated (<c>cost outreach</c>): seven fixed codes without spaces, read and
    /// written with the resource, and indexed for search as words.
    /// </summary>
    public string Tags { get; set; } = "";
    /// <summary>Audience codes, sorted and space-separated, like <see cref="Tags"/>.</summary>
    public string Audiences { get; set; } = "";
    /// <summary>An absolute http or https address.</summary>
    public string SourceUrl { get; set; } = "";
    /// <summary>The contributing organisation, free text.</summary>
    public string Organisation { get; set; } = "";
    /// <summary>One of <see cref="LibraryStatus"/>.</summary>
    public string Status { get; set; } = LibraryStatus.Submitted;
    /// <summary>The member's user id; null for the resources the hub seeds.</summary>
    public string? SubmittedBy { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    /// <summary>Why staff rejected it, shown to the member who submitted it.</summary>
    public string? RejectionReason { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
}

/// <summary>The values of <see cref="LibraryResourceRow.Status"/>.</summary>
public static class LibraryStatus
{
    public const string Submitted = "submitted";
    public const string Published = "published";
    public const string Rejected = "rejected";
}

/// <summary>
/// A row of <c>library_comments</c>: a comment on a library resource by a member or a member of the public. Held
/// (<see cref="CommentStatus.Pending"/>) until staff approve it; the e-mail address is never shown.
/// </summary>
public sealed class LibraryCommentRow
{
    public const int NameLength = 100;
    public const int EmailLength = 254;
    public const int BodyLength = 4000;

    public long Id { get; set; }
    public long ResourceId { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    /// <summary>The signed-in member who wrote it; null for the public.</summary>
    public string? UserId { get; set; }
    /// <summary>Markdown as typed; shown only through the hub's safe renderer.</summary>
    public string Body { get; set; } = "";
    /// <summary>One of <see cref="CommentStatus"/>.</summary>
    public string Status { get; set; } = CommentStatus.Pending;
    public DateTimeOffset CreatedAt { get; set; }
    public string? ModeratedBy { get; set; }
    public DateTimeOffset? ModeratedAt { get; set; }
}

/// <summary>The values of <see cref="LibraryCommentRow.Status"/>.</summary>
public static class CommentStatus
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
}
