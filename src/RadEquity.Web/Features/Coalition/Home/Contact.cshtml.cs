using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using RadEquity.Data;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Coalition.Home;

/// <summary><c>/coalition/contact</c>: a message to the coalition's staff, stored (and e-mailed to staff if configured).</summary>
[AllowAnonymous]
[EnableRateLimiting(Coalition.PostLimit)]
internal sealed class ContactModel(
    RadEquityDbContext db, HomeMail mail, IStringLocalizer<HomeText> text, IOptions<CoalitionOptions> options, TimeProvider time,
    ILogger<ContactModel> log) : PageModel
{
    [BindProperty]
    public ContactInput Input { get; set; } = new();

    /// <summary>The honeypot field (see the page).</summary>
    [BindProperty]
    public string? Homepage { get; set; }

    public FormProblems Problems { get; private set; } = new("Input", []);

    public bool Sent { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(Homepage))
        {
            Sent = true;
            return Page();
        }

        Problems = Problems with { Items = [.. Input.Problems(text)] };
        if (Problems.Items.Count > 0)
        {
            return Page();
        }

        var row = new ContactMessageRow
        {
            Name = Input.Name.Trim(),
            Email = Input.Email.Trim(),
            Subject = Input.Subject.Trim(),
            Message = Input.Message.Trim(),
            Culture = MemberJoining.Culture(),
            ReceivedAt = time.GetUtcNow(),
        };
        db.ContactMessages.Add(row);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        log.LogInformation("Contact message {MessageId} stored.", row.Id);
        await mail.NotifyStaffAsync("contact message " + row.Id, "Contact: " + row.Subject,
            $"{row.Name} wrote:\n\n{row.Message}\n\n" + new Uri(Coalition.BaseUrl(Request, options.Value), "coalition/staff/messages").AbsoluteUri,
            row.Email, cancellationToken).ConfigureAwait(false);
        Sent = true;
        return Page();
    }
}
