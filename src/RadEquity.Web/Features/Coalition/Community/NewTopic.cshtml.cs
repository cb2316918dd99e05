using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Coalition.Community;

/// <summary><c>/coalition/discussion/new</c>: start a topic (title and a Markdown body), optionally following its replies.</summary>
[Authorize(Policy = Policies.CoalitionMember)]
[EnableRateLimiting(Community.MemberPostLimit)]
internal sealed class NewTopicModel(Discussion discussion, IStringLocalizer<CommunityText> text) : PageModel
{
    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public bool Notify { get; set; }

    public IReadOnlyList<(string Field, string Message)> Problems { get; private set; } = [];

    /// <summary>Following is offered ticked; an unticked box posts nothing, so only the form's first view ticks it.</summary>
    public void OnGet() => Notify = true;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var problems = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(Title) || Title.Trim().Length > DiscussionTopicRow.TitleLength)
        {
            problems.Add(("Title", text["Error_Title"]));
        }

        if (string.IsNullOrWhiteSpace(Body) || Body.Trim().Length > DiscussionTopicRow.BodyLength)
        {
            problems.Add(("Body", text["Error_Body"]));
        }

        Problems = problems;
        if (problems.Count > 0)
        {
            return Page();
        }

        var topic = await discussion.StartAsync(Community.UserId(User), Community.DisplayName(User), Title!, Body!, Notify,
            CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, cancellationToken).ConfigureAwait(false);
        return Redirect($"/coalition/discussion/{topic.Id}");
    }
}
