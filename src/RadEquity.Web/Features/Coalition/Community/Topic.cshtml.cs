using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Coalition.Community;

/// <summary>
/// <c>/coalition/discussion/{id}</c>: a topic with its threaded replies, the reply form (to the topic or to a reply) and
/// the follow toggle. Moderation posts go to <see cref="ModerateModel"/>.
/// </summary>
[Authorize(Policy = Policies.CoalitionMember)]
[EnableRateLimiting(Community.MemberPostLimit)]
internal sealed class TopicModel(Discussion discussion, IStringLocalizer<CommunityText> text, IOptions<CoalitionOptions> coalition) : PageModel
{
    public DiscussionThread Thread { get; private set; } = null!;

    public bool IsModerator => User.IsInRole(Roles.CoalitionStaff);

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public long? ParentId { get; set; }

    [BindProperty]
    public bool Notify { get; set; }

    public IReadOnlyList<(string Field, string Message)> Problems { get; private set; } = [];

    /// <summary>Why the reply was refused, shown at the form.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        Notify = true;
        return await LoadAsync(id, cancellationToken).ConfigureAwait(false) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Body) || Body.Trim().Length > DiscussionTopicRow.BodyLength)
        {
            Problems = [("Body", text["Error_Body"])];
            return await LoadAsync(id, cancellationToken).ConfigureAwait(false) ? Page() : NotFound();
        }

        var (refusal, reply) = await discussion.ReplyAsync(id, ParentId, Reader, Community.DisplayName(User), Body, Notify,
            CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, Coalition.BaseUrl(Request, coalition.Value), cancellationToken).ConfigureAwait(false);
        switch (refusal)
        {
            case ReplyRefusal.None:
                return Redirect($"/coalition/discussion/{id}#reply-{reply!.Id}");
            case ReplyRefusal.NoTopic:
                return NotFound();
            case ReplyRefusal.Locked:
                Refusal = text["Reply_Locked"];
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            case ReplyRefusal.NoParent:
                Refusal = text["Reply_NoParent"];
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            default:
                throw new InvalidOperationException("Unknown refusal.");
        }

        return await LoadAsync(id, cancellationToken).ConfigureAwait(false) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostFollowAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        await discussion.FollowAsync(id, Reader.UserId, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, cancellationToken).ConfigureAwait(false);
        return Redirect($"/coalition/discussion/{id}#follow");
    }

    public async Task<IActionResult> OnPostUnfollowAsync(long id, CancellationToken cancellationToken)
    {
        await discussion.UnfollowAsync(id, Reader.UserId, cancellationToken).ConfigureAwait(false);
        return Redirect($"/coalition/discussion/{id}#follow");
    }

    private Reader Reader => new(Community.UserId(User), IsModerator);

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (await discussion.ThreadAsync(id, Reader, cancellationToken).ConfigureAwait(false) is not { } thread)
        {
            return false;
        }

        Thread = thread;
        return true;
    }
}
