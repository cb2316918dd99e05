using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Coalition.Community;

/// <summary>
/// <c>/coalition/discussion/{id}/moderate</c>: coalition staff pin, lock or hide a topic, or hide a reply (POST only;
/// a GET goes back to the thread). Its own page so the staff policy guards it, not a check inside the thread's page.
/// </summary>
[Authorize(Policy = Policies.CoalitionStaff)]
internal sealed class ModerateModel(Discussion discussion, ILogger<ModerateModel> log) : PageModel
{
    public IActionResult OnGet(long id) => Redirect($"/coalition/discussion/{id}");

    public async Task<IActionResult> OnPostAsync(long id, string? command, long? replyId, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<Moderation>(command, ignoreCase: false, out var moderation) || !Enum.IsDefined(moderation))
        {
            return BadRequest();
        }

        if (!await discussion.ModerateAsync(id, moderation, replyId, cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        log.LogInformation("Topic {TopicId}: {Action} (reply {ReplyId}) by moderator {UserId}.", id, moderation, replyId, Community.UserId(User));
        return Redirect(replyId is { } reply ? $"/coalition/discussion/{id}#reply-{reply}" : $"/coalition/discussion/{id}");
    }
}
