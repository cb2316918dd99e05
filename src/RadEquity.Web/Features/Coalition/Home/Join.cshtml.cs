using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using RadEquity.Data;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Coalition.Home;

/// <summary>
/// <c>/coalition/join</c>: a person creates a member account (confirmed by e-mail), or an organisation asks to join
/// (stored for staff).
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Coalition.PostLimit)]
internal sealed class JoinModel(
    MemberJoining joining, RadEquityDbContext db, HomeMail mail, IStringLocalizer<HomeText> text, IOptions<CoalitionOptions> options,
    TimeProvider time, ILogger<JoinModel> log) : PageModel
{
    [BindProperty]
    public JoinInput Input { get; set; } = new();

    [BindProperty]
    public JoinRequestInput JoinRequest { get; set; } = new();

    /// <summary>The honeypot field (see the page), on both forms.</summary>
    [BindProperty]
    public string? Homepage { get; set; }

    public FormProblems Problems { get; private set; } = new("Input", []);

    public FormProblems RequestProblems { get; private set; } = new("JoinRequest", []);

    public IReadOnlyList<(long Id, string Name)> Organisations { get; private set; } = [];

    /// <summary>Set once the person's form was accepted.</summary>
    public JoinOutcome? Outcome { get; private set; }

    /// <summary>Set once the organisation's request was stored.</summary>
    public bool RequestReceived { get; private set; }

    public bool MailConfigured => mail.IsConfigured;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Organisations = await joining.OrganisationChoicesAsync(cancellationToken).ConfigureAwait(false);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Organisations = await joining.OrganisationChoicesAsync(cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(Homepage))
        {
            // A bot: it sees what a person sees, and nothing is stored or sent.
            Outcome = JoinOutcome.ConfirmationSent;
            return Page();
        }

        Problems = Problems with { Items = [.. Input.Problems(text, Organisations.Select(o => o.Id).ToHashSet())] };
        if (Problems.Items.Count == 0)
        {
            var outcome = await joining.JoinAsync(Input, MemberJoining.Culture(), Coalition.BaseUrl(Request, options.Value), cancellationToken)
                .ConfigureAwait(false);
            if (outcome == JoinOutcome.PasswordRejected)
            {
                Problems = Problems with { Items = [(nameof(JoinInput.Password), text["Error_Password"])] };
            }
            else
            {
                Outcome = outcome;
            }
        }

        Input.Password = "";
        return Page();
    }

    public async Task<IActionResult> OnPostOrganisationAsync(CancellationToken cancellationToken)
    {
        Organisations = await joining.OrganisationChoicesAsync(cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(Homepage))
        {
            RequestReceived = true;
            return Page();
        }

        RequestProblems = RequestProblems with { Items = [.. JoinRequest.Problems(text)] };
        if (RequestProblems.Items.Count > 0)
        {
            return Page();
        }

        var row = new OrganisationJoinRequestRow
        {
            Organisation = JoinRequest.Organisation.Trim(),
            Kind = JoinRequest.Kind,
            Website = HomeChecks.Optional(JoinRequest.Website),
            ContactName = JoinRequest.ContactName.Trim(),
            Email = JoinRequest.Email.Trim(),
            Message = JoinRequest.Message.Trim(),
            Culture = MemberJoining.Culture(),
            ReceivedAt = time.GetUtcNow(),
        };
        db.OrganisationJoinRequests.Add(row);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        log.LogInformation("Organisation join request {RequestId} stored.", row.Id);
        await mail.NotifyStaffAsync("join request " + row.Id, "Join request: " + row.Organisation,
            $"{row.Organisation} ({row.Kind}) asks to join.\n{row.Website}\n\n{row.ContactName}\n\n{row.Message}\n\n"
            + new Uri(Coalition.BaseUrl(Request, options.Value), "coalition/staff/messages").AbsoluteUri,
            row.Email, cancellationToken).ConfigureAwait(false);
        RequestReceived = true;
        return Page();
    }
}
