using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Coalition.Community;

/// <summary>Who is reading: moderators (coalition staff) also see what is hidden, marked as such.</summary>
internal sealed record Reader(string UserId, bool IsModerator);

/// <summary>One line of the topics list.</summary>
internal sealed record TopicSummary(long Id, string Title, string AuthorName, DateTimeOffset LastActivityAt, int Replies,
    bool IsPinned, bool IsLocked, bool IsHidden);

/// <summary>A page of the topics list.</summary>
internal sealed record TopicPage(IReadOnlyList<TopicSummary> Topics, int Page, int Pages);

/// <summary>A reply placed in its thread: <see cref="Depth"/> is how far it is indented (capped).</summary>
internal sealed record ThreadReply(DiscussionReplyRow Row, int Depth, string? InReplyTo);

/// <summary>A topic with its visible replies in thread order and whether the reader follows it.</summary>
internal sealed record DiscussionThread(DiscussionTopicRow Topic, IReadOnlyList<ThreadReply> Replies, bool IsFollowing);

/// <summary>Why a reply was not saved.</summary>
internal enum ReplyRefusal
{
    None,
    NoTopic,
    Locked,
    NoParent,
}

/// <summary>What a moderator can do to a topic or a reply.</summary>
internal enum Moderation
{
    Pin,
    Unpin,
    Lock,
    Unlock,
    Hide,
    Unhide,
    HideReply,
    UnhideReply,
}

/// <summary>
/// The members' discussion: topics (pinned first, then latest activity), threaded replies, follows and moderation.
/// Hidden topics and replies are left out for members and kept, marked, for moderators.
/// </summary>
internal sealed class Discussion(RadEquityDbContext db, ReplyNotifications notifications, TimeProvider time)
{
    public const int PageSize = 20;
    /// <summary>Deeper replies are shown at this indentation, each saying whom it answers.</summary>
    public const int MaxDepth = 4;
    /// <summary>A thread shows at most this many replies (the oldest).</summary>
    public const int MaxReplies = 1000;

    public async Task<TopicPage> TopicsAsync(Reader reader, int page, CancellationToken cancellationToken)
    {
        var topics = db.DiscussionTopics.AsNoTracking().Where(t => reader.IsModerator || !t.IsHidden);
        var count = await topics.CountAsync(cancellationToken).ConfigureAwait(false);
        var pages = Math.Max(1, (count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var rows = await topics.OrderByDescending(t => t.IsPinned).ThenByDescending(t => t.LastActivityAt).ThenByDescending(t => t.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(t => new TopicSummary(t.Id, t.Title, t.AuthorName, t.LastActivityAt,
                db.DiscussionReplies.Count(r => r.TopicId == t.Id && (reader.IsModerator || !r.IsHidden)),
                t.IsPinned, t.IsLocked, t.IsHidden))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new TopicPage(rows, page, pages);
    }

    public async Task<DiscussionTopicRow> StartAsync(string userId, string authorName, string title, string body, bool follow, string culture,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var topic = new DiscussionTopicRow
        {
            Title = title.Trim(),
            Body = body.Trim(),
            AuthorId = userId,
            AuthorName = authorName,
            CreatedAt = now,
            LastActivityAt = now,
        };
        db.DiscussionTopics.Add(topic);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (follow)
        {
            await FollowAsync(topic.Id, userId, culture, cancellationToken).ConfigureAwait(false);
        }

        return topic;
    }

    /// <summary>The topic and its replies as the reader may see them; null when there is none (or it is hidden from them).</summary>
    public async Task<DiscussionThread?> ThreadAsync(long topicId, Reader reader, CancellationToken cancellationToken)
    {
        var topic = await db.DiscussionTopics.AsNoTracking().SingleOrDefaultAsync(t => t.Id == topicId, cancellationToken).ConfigureAwait(false);
        if (topic is null || (topic.IsHidden && !reader.IsModerator))
        {
            return null;
        }

        var replies = await db.DiscussionReplies.AsNoTracking().Where(r => r.TopicId == topicId)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Take(MaxReplies)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var following = await db.DiscussionFollows.AnyAsync(f => f.TopicId == topicId && f.UserId == reader.UserId, cancellationToken)
            .ConfigureAwait(false);
        return new DiscussionThread(topic, Arrange(replies, reader.IsModerator), following);
    }

    /// <summary>
    /// Depth-first, oldest first at each level. For members a hidden reply is left out and its answers take its place,
    /// so one moderated reply does not silence the people who answered it.
    /// </summary>
    internal static List<ThreadReply> Arrange(IReadOnlyList<DiscussionReplyRow> replies, bool showHidden)
    {
        var children = replies.ToLookup(r => r.ParentId);
        var byId = replies.ToDictionary(r => r.Id);
        var arranged = new List<ThreadReply>(replies.Count);
        var pending = new Stack<(DiscussionReplyRow Row, int Depth)>();
        foreach (var root in children[null].Reverse())
        {
            pending.Push((root, 0));
        }

        while (pending.TryPop(out var next))
        {
            var (row, depth) = next;
            var shown = showHidden || !row.IsHidden;
            if (shown)
            {
                var parent = row.ParentId is { } p && byId.TryGetValue(p, out var parentRow) && (showHidden || !parentRow.IsHidden) ? parentRow : null;
                arranged.Add(new ThreadReply(row, Math.Min(depth, MaxDepth), parent?.AuthorName));
            }

            foreach (var child in children[row.Id].Reverse())
            {
                pending.Push((child, shown ? depth + 1 : depth));
            }
        }

        return arranged;
    }

    /// <summary>
    /// Saves a reply to the topic or to one of its replies, unless the topic is locked (or hidden from the author), and
    /// queues the e-mails to its followers. The e-mails go out after this returns; they never hold up or fail the post.
    /// </summary>
    public async Task<(ReplyRefusal Refusal, DiscussionReplyRow? Reply)> ReplyAsync(long topicId, long? parentId, Reader author, string authorName,
        string body, bool follow, string culture, Uri baseUrl, CancellationToken cancellationToken)
    {
        var topic = await db.DiscussionTopics.SingleOrDefaultAsync(t => t.Id == topicId, cancellationToken).ConfigureAwait(false);
        if (topic is null || (topic.IsHidden && !author.IsModerator))
        {
            return (ReplyRefusal.NoTopic, null);
        }

        if (topic.IsLocked)
        {
            return (ReplyRefusal.Locked, null);
        }

        if (parentId is { } id && !await db.DiscussionReplies
                .AnyAsync(r => r.Id == id && r.TopicId == topicId && (author.IsModerator || !r.IsHidden), cancellationToken).ConfigureAwait(false))
        {
            return (ReplyRefusal.NoParent, null);
        }

        var now = time.GetUtcNow();
        var reply = new DiscussionReplyRow
        {
            TopicId = topicId,
            ParentId = parentId,
            Body = body.Trim(),
            AuthorId = author.UserId,
            AuthorName = authorName,
            CreatedAt = now,
        };
        db.DiscussionReplies.Add(reply);
        topic.LastActivityAt = now;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (follow)
        {
            await FollowAsync(topicId, author.UserId, culture, cancellationToken).ConfigureAwait(false);
        }

        notifications.Queue(reply.Id, baseUrl);
        return (ReplyRefusal.None, reply);
    }

    public async Task FollowAsync(long topicId, string userId, string culture, CancellationToken cancellationToken)
    {
        if (await db.DiscussionFollows.AnyAsync(f => f.TopicId == topicId && f.UserId == userId, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        db.DiscussionFollows.Add(new DiscussionFollowRow { TopicId = topicId, UserId = userId, Culture = culture, CreatedAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Followed at the same moment in another tab: the unique index kept one row, which is all we want.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Stops the e-mails; true when the member was following.</summary>
    public async Task<bool> UnfollowAsync(long topicId, string userId, CancellationToken cancellationToken) =>
        await db.DiscussionFollows.Where(f => f.TopicId == topicId && f.UserId == userId)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) > 0;

    /// <summary>Applies a moderator's action; false when the topic (or the reply, in that topic) does not exist.</summary>
    public async Task<bool> ModerateAsync(long topicId, Moderation action, long? replyId, CancellationToken cancellationToken)
    {
        var topic = await db.DiscussionTopics.SingleOrDefaultAsync(t => t.Id == topicId, cancellationToken).ConfigureAwait(false);
        if (topic is null)
        {
            return false;
        }

        if (action is Moderation.HideReply or Moderation.UnhideReply)
        {
            var reply = await db.DiscussionReplies.SingleOrDefaultAsync(r => r.Id == replyId && r.TopicId == topicId, cancellationToken)
                .ConfigureAwait(false);
            if (reply is null)
            {
                return false;
            }

            reply.IsHidden = action == Moderation.HideReply;
        }
        else
        {
            switch (action)
            {
                case Moderation.Pin or Moderation.Unpin:
                    topic.IsPinned = action == Moderation.Pin;
                    break;
                case Moderation.Lock or Moderation.Unlock:
                    topic.IsLocked = action == Moderation.Lock;
                    break;
                case Moderation.Hide or Moderation.Unhide:
                    topic.IsHidden = action == Moderation.Hide;
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(action));
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}
