using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Coalition.Community;

/// <summary>
/// <c>/coalition/staff/webinars/edit/{id?}</c>: staff add a webinar (no id) or edit one, with its post-test. "Add a
/// question" posts the form back with one more empty question, so the page needs no script.
/// </summary>
[Authorize(Policy = Policies.CoalitionStaff)]
internal sealed class EditWebinarModel(Webinars webinars, IStringLocalizer<CommunityText> text) : PageModel
{
    [BindProperty]
    public WebinarInput Input { get; set; } = new();

    public IReadOnlyList<(string Field, string Message)> Problems { get; private set; } = [];

    public long? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken cancellationToken)
    {
        Id = id;
        if (id is { } existing)
        {
            if (await webinars.FindAsync(existing, cancellationToken).ConfigureAwait(false) is not { } test)
            {
                return NotFound();
            }

            Input = WebinarInput.From(test);
        }

        Pad();
        return Page();
    }

    public IActionResult OnPostAddQuestion(long? id)
    {
        Id = id;
        Input.Questions.Add(new QuestionInput());
        Pad();
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken cancellationToken)
    {
        Id = id;
        Problems = [.. Input.Problems(text)];
        if (Problems.Count > 0)
        {
            Pad();
            return Page();
        }

        return await webinars.SaveAsync(id, Input, cancellationToken).ConfigureAwait(false) is { } saved
            ? Redirect($"/coalition/webinars/{saved}")
            : NotFound();
    }

    /// <summary>Every question gets five option boxes, and a new webinar starts with one question.</summary>
    private void Pad()
    {
        if (Input.Questions.Count == 0)
        {
            Input.Questions.Add(new QuestionInput());
        }

        foreach (var question in Input.Questions)
        {
            while (question.Options.Count < WebinarInput.MaxOptions)
            {
                question.Options.Add("");
            }
        }
    }
}
