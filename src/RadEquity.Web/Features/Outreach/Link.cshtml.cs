using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Data.Outreach;

namespace RadEquity.Web.Features.Outreach;

/// <summary>
/// <c>/outreach/link?t=</c>: the patient's personal page, reached from the link in every message (no sign-in; the signed
/// token is the proof). In the message's language. The patient asks for a call back, picks a time window, or stops
/// messages; each is stored for navigators (<c>outreach_requests</c>, <c>outreach_opt_outs</c>).
/// </summary>
[AllowAnonymous]
internal sealed class LinkModel(RadEquityDbContext db, PatientContacts contacts, OutreachTokens tokens, IOptions<OutreachOptions> options, TimeProvider time) : PageModel
{
    public static readonly IReadOnlyList<string> Windows = ["weekday-mornings", "weekday-afternoons", "weekday-evenings", "weekends"];

    [BindProperty(SupportsGet = true, Name = "t")]
    public string? Token { get; set; }

    public PersonalLinkRead Read { get; private set; }

    public string Language => Read.Link?.Language ?? "en";

    public string? FirstName { get; private set; }

    /// <summary>The text key of what was just done (<c>Page_Thanks</c>, ...), or null.</summary>
    public string? Done { get; private set; }

    public string PracticePhone => options.Value.PracticePhone;

    public string T(string name) => MessageTemplates.Text(name, Language);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await ReadAsync(cancellationToken).ConfigureAwait(false);

    public async Task OnPostCallBackAsync(CancellationToken cancellationToken) =>
        await RequestAsync("call-back", "Page_Thanks", cancellationToken).ConfigureAwait(false);

    public async Task OnPostWindowAsync(string? window, CancellationToken cancellationToken)
    {
        if (window is null || !Windows.Contains(window))
        {
            await ReadAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await RequestAsync(window, "Page_Saved", cancellationToken).ConfigureAwait(false);
    }

    public async Task OnPostStopAsync(CancellationToken cancellationToken)
    {
        if (await ReadAsync(cancellationToken).ConfigureAwait(false) is not { } link)
        {
            return;
        }

        var exists = await db.OutreachOptOuts.AnyAsync(o => o.Source == link.Source && o.PatientId == link.PatientId && o.Channel == OptOuts.All,
            cancellationToken).ConfigureAwait(false);
        if (!exists)
        {
            db.OutreachOptOuts.Add(new OutreachOptOutRow
            {
                Source = link.Source,
                PatientId = link.PatientId,
                Channel = OptOuts.All,
                Via = "link",
                CreatedAt = time.GetUtcNow(),
            });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        Done = "Page_Stopped";
    }

    private async Task RequestAsync(string kind, string done, CancellationToken cancellationToken)
    {
        if (await ReadAsync(cancellationToken).ConfigureAwait(false) is not { } link)
        {
            return;
        }

        db.OutreachRequests.Add(new OutreachRequestRow
        {
            Source = link.Source,
            PatientId = link.PatientId,
            Gap = MessageTemplates.Name(link.Gap),
            Kind = kind,
            Language = link.Language,
            CreatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        Done = done;
    }

    /// <summary>The link, when the token is good and current; otherwise sets the refusal status and returns null.</summary>
    private async Task<PersonalLink?> ReadAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        Read = tokens.Read(Token);
        if (Read.Link is not { } link || Read.Expired)
        {
            Response.StatusCode = Read.Expired ? StatusCodes.Status410Gone : StatusCodes.Status400BadRequest;
            return null;
        }

        FirstName = (await contacts.ReadAsync(link.Source, link.PatientId, cancellationToken).ConfigureAwait(false))?.FirstName;
        return link;
    }
}
