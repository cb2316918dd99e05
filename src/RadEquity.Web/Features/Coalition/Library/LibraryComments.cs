using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Coalition.Library;

/// <summary>A comment as the moderation queue shows it, with the title of the resource it is on.</summary>
internal sealed record QueuedComment(LibraryCommentRow Comment, string ResourceTitle);

/// <summary>
/// Comments on library resources: every comment is held until staff approve it; approved ones show on the resource's
/// page (name, date and body, never the e-mail address).
/// </summary>
internal sealed class LibraryComments(RadEquityDbContext db, TimeProvider time, ILogger<LibraryComments> log)
{
    /// <summary>Saves a comment as pending.</summary>
    public async Task<LibraryCommentRow> AddAsync(long resourceId, CommentInput input, string email, string? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(email);
        var row = new LibraryCommentRow
        {
            ResourceId = resourceId,
            Name = input.Name.Trim(),
            Email = email.Trim().ToLowerInvariant(),
            UserId = userId,
            Body = input.Body.Trim(),
            Status = CommentStatus.Pending,
            CreatedAt = time.GetUtcNow(),
        };
        db.LibraryComments.Add(row);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        log.LogInformation("Comment {CommentId} on library resource {ResourceId} held for moderation.", row.Id, resourceId);
        return row;
    }

    /// <summary>The approved comments of a resource, oldest first (a conversation reads down).</summary>
    public async Task<IReadOnlyList<LibraryCommentRow>> ApprovedAsync(long resourceId, CancellationToken cancellationToken) =>
        await db.LibraryComments.AsNoTracking().Where(c => c.ResourceId == resourceId && c.Status == CommentStatus.Approved)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Take(500).ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The moderation queue: pending comments first (oldest first), then moderated ones, newest first.</summary>
    public async Task<Paged<QueuedComment>> QueueAsync(int page, CancellationToken cancellationToken)
    {
        page = Math.Max(1, page);
        var total = await db.LibraryComments.CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await (from c in db.LibraryComments.AsNoTracking()
                          join r in db.LibraryResources on c.ResourceId equals r.Id
                          orderby c.Status == CommentStatus.Pending ? 0 : 1, c.Status == CommentStatus.Pending ? c.Id : -c.Id
                          select new QueuedComment(c, r.Title))
            .Skip((page - 1) * Library.PageSize).Take(Library.PageSize).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new(rows, total, page);
    }

    public Task<int> PendingCountAsync(CancellationToken cancellationToken) =>
        db.LibraryComments.CountAsync(c => c.Status == CommentStatus.Pending, cancellationToken);

    /// <summary>Sets the comment's status (approved or rejected); false when there is no such comment.</summary>
    public async Task<bool> ModerateAsync(long id, bool approve, string moderatorId, CancellationToken cancellationToken)
    {
        var row = await db.LibraryComments.SingleOrDefaultAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return false;
        }

        row.Status = approve ? CommentStatus.Approved : CommentStatus.Rejected;
        row.ModeratedBy = moderatorId;
        row.ModeratedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        log.LogInformation("Comment {CommentId} {Status}.", id, row.Status);
        return true;
    }
}
