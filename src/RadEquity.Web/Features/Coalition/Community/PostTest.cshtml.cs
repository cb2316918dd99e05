using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Coalition.Community;

/// <summary>
/// <c>/coalition/webinars/{id}/test</c>: the post-test. Every submission is recorded; a pass issues the member's one
/// certificate for the webinar (a retake shows the same one).
/// </summary>
[Authorize(Policy = Policies.CoalitionMember)]
[EnableRateLimiting(Community.MemberPostLimit)]
internal sealed class PostTestModel(Webinars webinars, IStringLocalizer<CommunityText> text) : PageModel
{
    public WebinarWithTest Test { get; private set; } = null!;

    /// <summary>The option chosen for each question, by position.</summary>
    [BindProperty]
    public List<int?> Answers { get; set; } = [];

    [BindProperty]
    public string? CertificateName { get; set; }

    public IReadOnlyList<(string Field, string Message)> Problems { get; private set; } = [];

    public TestResult? Result { get; private set; }

    /// <summary>The certificate earned before, if any (the test can still be taken again).</summary>
    public WebinarCertificateRow? Earlier { get; private set; }

    public int Attempts { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken).ConfigureAwait(false) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        var problems = new List<(string, string)>();
        for (var i = 0; i < Test.Questions.Count; i++)
        {
            var answer = i < Answers.Count ? Answers[i] : null;
            if (answer is not { } chosen || chosen < 0 || chosen >= Test.Questions[i].Options.Count)
            {
                problems.Add(($"Answers_{i}", text["Error_Answer", i + 1]));
            }
        }

        if (Earlier is null && (string.IsNullOrWhiteSpace(CertificateName) || CertificateName.Trim().Length > WebinarCertificateRow.NameLength))
        {
            problems.Add(("CertificateName", text["Error_CertificateName"]));
        }

        Problems = problems;
        if (problems.Count > 0)
        {
            return Page();
        }

        Result = await webinars.GradeAsync(Test, Community.UserId(User), Answers, CertificateName ?? "", cancellationToken).ConfigureAwait(false);
        Attempts++;
        if (!Result.Passed)
        {
            // A retry starts from a blank sheet.
            Answers = [];
            ModelState.Clear();
        }

        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (await webinars.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { Questions.Count: > 0 } test)
        {
            return false;
        }

        Test = test;
        var userId = Community.UserId(User);
        Earlier = await webinars.CertificateOfAsync(id, userId, cancellationToken).ConfigureAwait(false);
        Attempts = await webinars.AttemptsAsync(id, userId, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
