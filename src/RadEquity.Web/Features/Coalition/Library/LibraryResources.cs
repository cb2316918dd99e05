using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Coalition.Library;

/// <summary>What the library page asks for: words to search, filters (codes, each optional) and the page number.</summary>
internal sealed record LibraryQuery(string? Search, string? Kind, string? Tag, string? Audience, int Page);

/// <summary>One page of a list, and how many rows the whole list has.</summary>
internal sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page)
{
    public int Pages => Math.Max(1, (Total + Library.PageSize - 1) / Library.PageSize);
}

/// <summary>
/// The library's resources: the public list (published only, searched and filtered), a member's submissions, and
/// staff review (publish, or reject with a reason).
/// </summary>
internal sealed class LibraryResources(RadEquityDbContext db, TimeProvider time, ILogger<LibraryResources> log)
{
    /// <summary>Published resources matching the query: by rank when there are words, else newest first.</summary>
    public async Task<Paged<LibraryResourceRow>> SearchAsync(LibraryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = Math.Max(1, query.Page);
        var resources = db.LibraryResources.AsNoTracking().Where(r => r.Status == LibraryStatus.Published);
        if (!string.IsNullOrEmpty(query.Kind))
        {
            resources = resources.Where(r => r.Kind == query.Kind);
        }

        if (!string.IsNullOrEmpty(query.Tag))
        {
            var tag = " " + query.Tag + " ";
            resources = resources.Where(r => (" " + r.Tags + " ").Contains(tag));
        }

        if (!string.IsNullOrEmpty(query.Audience))
        {
            var audience = " " + query.Audience + " ";
            resources = resources.Where(r => (" " + r.Audiences + " ").Contains(audience));
        }

        var words = LibrarySearch.Words(query.Search);
        if (words.Count == 0)
        {
            var total = await resources.CountAsync(cancellationToken).ConfigureAwait(false);
            var newest = await resources.OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id)
                .Skip((page - 1) * Library.PageSize).Take(Library.PageSize).ToListAsync(cancellationToken).ConfigureAwait(false);
            return new(newest, total, page);
        }

        var ranked = from r in resources
                     join h in LibrarySearch.Hits(db, words) on r.Id equals h.Id
                     select new { Resource = r, h.Rank };
        var matches = await ranked.CountAsync(cancellationToken).ConfigureAwait(false);
        var best = await ranked.OrderByDescending(x => x.Rank).ThenByDescending(x => x.Resource.PublishedAt).ThenByDescending(x => x.Resource.Id)
            .Skip((page - 1) * Library.PageSize).Take(Library.PageSize).Select(x => x.Resource)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new(best, matches, page);
    }

    /// <summary>The resource if it is published; null otherwise (submitted and rejected ones are not public).</summary>
    public Task<LibraryResourceRow?> PublishedAsync(long id, CancellationToken cancellationToken) =>
        db.LibraryResources.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.Status == LibraryStatus.Published, cancellationToken);

    /// <summary>Saves a member's submission for review.</summary>
    public async Task<LibraryResourceRow> SubmitAsync(ResourceInput input, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var row = new LibraryResourceRow
        {
            Title = input.Title.Trim(),
            Summary = input.Summary.Trim(),
            Kind = input.Kind,
            Tags = LibraryChoices.Join(input.Tags),
            Audiences = LibraryChoices.Join(input.Audiences),
            SourceUrl = input.SourceUrl.Trim(),
            Organisation = input.Organisation.Trim(),
            Status = LibraryStatus.Submitted,
            SubmittedBy = userId,
            SubmittedAt = time.GetUtcNow(),
        };
        db.LibraryResources.Add(row);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        log.LogInformation("Library resource {ResourceId} submitted for review.", row.Id);
        return row;
    }

    /// <summary>A member's own submissions, newest first, whatever their status.</summary>
    public async Task<IReadOnlyList<LibraryResourceRow>> SubmittedByAsync(string userId, CancellationToken cancellationToken) =>
        await db.LibraryResources.AsNoTracking().Where(r => r.SubmittedBy == userId)
            .OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id).Take(100)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The staff's review list: submitted ones first (oldest first, as a queue), then the reviewed ones, newest first.</summary>
    public async Task<Paged<LibraryResourceRow>> ReviewQueueAsync(int page, CancellationToken cancellationToken)
    {
        page = Math.Max(1, page);
        var all = db.LibraryResources.AsNoTracking();
        var total = await all.CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await all
            .OrderBy(r => r.Status == LibraryStatus.Submitted ? 0 : 1)
            .ThenBy(r => r.Status == LibraryStatus.Submitted ? r.Id : -r.Id)
            .Skip((page - 1) * Library.PageSize).Take(Library.PageSize).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new(rows, total, page);
    }

    /// <summary>Publishes a submitted (or earlier rejected) resource; false when there is no such resource.</summary>
    public async Task<bool> PublishAsync(long id, string reviewerId, CancellationToken cancellationToken)
    {
        var row = await db.LibraryResources.SingleOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        row.Status = LibraryStatus.Published;
        row.ReviewedBy = reviewerId;
        row.ReviewedAt = now;
        row.RejectionReason = null;
        row.PublishedAt ??= now;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        log.LogInformation("Library resource {ResourceId} published.", id);
        return true;
    }

    /// <summary>Rejects a resource with the reason its submitter sees; a published one leaves the library.</summary>
    public async Task<bool> RejectAsync(long id, string reason, string reviewerId, CancellationToken cancellationToken)
    {
        var row = await db.LibraryResources.SingleOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return false;
        }

        row.Status = LibraryStatus.Rejected;
        row.ReviewedBy = reviewerId;
        row.ReviewedAt = time.GetUtcNow();
        row.RejectionReason = reason.Trim();
        row.PublishedAt = null;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        log.LogInformation("Library resource {ResourceId} rejected.", id);
        return true;
    }
}
