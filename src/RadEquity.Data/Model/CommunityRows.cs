namespace RadEquity.Data.Model;

/// <summary>
/// A row of <c>discussion_topics</c>: a members' discussion topic. The body is Markdown as typed (rendered safely when
/// shown). Hidden topics stay in the store so moderators can see and restore them.
/// </summary>
public sealed class DiscussionTopicRow
{
    public const int TitleLength = 200;
    public const int BodyLength = 10_000;
    public const int AuthorNameLength = 256;

    public long Id { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    /// <summary>The Identity user id of the author.</summary>
    public string AuthorId { get; set; } = "";
    /// <summary>The name shown for the author, fixed when posting.</summary>
    public string AuthorName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The topic's or its newest reply's time: the list's order after pinned topics.</summary>
    public DateTimeOffset LastActivityAt { get; set; }
    public bool IsPinned { get; set; }
    public bool IsLocked { get; set; }
    public bool IsHidden { get; set; }
}

/// <summary>
/// A row of <c>discussion_replies</c>: a reply to a topic (<see cref="ParentId"/> null) or to another reply of the same
/// topic. <see cref="Depth"/> is 0 for a reply to the topic; replies deeper than the page's maximum nest no further.
/// </summary>
public sealed class DiscussionReplyRow
{
    public long Id { get; set; }
    public long TopicId { get; set; }
    public long? ParentId { get; set; }
    public int Depth { get; set; }
    public string Body { get; set; } = "";
    public string AuthorId { get; set; } = "";
    public string AuthorName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public bool IsHidden { get; set; }
}

/// <summary>A row of <c>discussion_follows</c>: a member who asked for an e-mail on each new reply to a topic.</summary>
public sealed class DiscussionFollowRow
{
    public long Id { get; set; }
    public long TopicId { get; set; }
    public string UserId { get; set; } = "";
    /// <summary>The language of the page the member followed from (<c>en</c>, <c>es</c>): the e-mails are written in it.</summary>
    public string Culture { get; set; } = "en";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A row of <c>webinars</c>: a recorded webinar with its credit hours and the pass mark of its post-test.</summary>
public sealed class WebinarRow
{
    public const int TitleLength = 200;
    public const int DescriptionLength = 4000;
    public const int PresentersLength = 500;
    public const int UrlLength = 2000;

    public long Id { get; set; }
    public string Title { get; set; } = "";
    /// <summary>Markdown, written by staff.</summary>
    public string Description { get; set; } = "";
    public string Presenters { get; set; } = "";
    public DateOnly HeldOn { get; set; }
    public decimal CreditHours { get; set; }
    public string? VideoUrl { get; set; }
    public string? SlidesUrl { get; set; }
    /// <summary>The lowest passing score, in percent of questions answered correctly (1-100).</summary>
    public int PassMarkPercent { get; set; } = 80;
    /// <summary>Marks content seeded on first start, so staff can tell it from their own.</summary>
    public bool IsDemo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A row of <c>webinar_questions</c>: one multiple-choice question of a webinar's post-test. The 2-5 options are kept
/// newline-separated in one column: they are single-line text, always read and written with their question.
/// </summary>
public sealed class WebinarQuestionRow
{
    public const int TextLength = 1000;
    public const int OptionLength = 300;

    public long Id { get; set; }
    public long WebinarId { get; set; }
    public int Position { get; set; }
    public string Text { get; set; } = "";
    public string Options { get; set; } = "";
    /// <summary>The 0-based index of the correct option.</summary>
    public int CorrectOption { get; set; }
}

/// <summary>A row of <c>webinar_test_attempts</c>: one submitted post-test, passed or not.</summary>
public sealed class WebinarTestAttemptRow
{
    public long Id { get; set; }
    public long WebinarId { get; set; }
    public string UserId { get; set; } = "";
    public int ScorePercent { get; set; }
    public bool Passed { get; set; }
    public DateTimeOffset TakenAt { get; set; }
}

/// <summary>
/// A row of <c>webinar_certificates</c>: credit earned by passing a post-test, at most one per member and webinar
/// (unique index), with a random verification <see cref="Code"/> (unique) that anyone can check. The name, title and
/// hours are copied when issued, so later edits of the webinar do not change a certificate already given.
/// </summary>
public sealed class WebinarCertificateRow
{
    public const int CodeLength = 12;
    public const int NameLength = 200;

    public long Id { get; set; }
    public string Code { get; set; } = "";
    public long WebinarId { get; set; }
    public string UserId { get; set; } = "";
    public string Name { get; set; } = "";
    public string WebinarTitle { get; set; } = "";
    public decimal CreditHours { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
}
