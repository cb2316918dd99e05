using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Outreach;

/// <summary>
/// <c>/outreach/templates</c>: staff see one template (gap × channel) in one language rendered for a made-up patient with
/// every barrier block, with its reading grade, and replace or restore its text (stored per template × language).
/// </summary>
[Authorize(Policy = Policies.Administration)]
internal sealed class TemplatesPageModel(RadEquityDbContext db, MessageTemplates templates, IOptions<OutreachOptions> options, TimeProvider time)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public GapKind Gap { get; set; } = GapKind.Mammogram;

    [BindProperty(SupportsGet = true)]
    public Channel Channel { get; set; } = Channel.Sms;

    [BindProperty(SupportsGet = true, Name = "lang")]
    public string Language { get; set; } = "en";

    [BindProperty]
    public string? Text { get; set; }

    public bool IsOverridden { get; private set; }

    public Message? Preview { get; private set; }

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken).ConfigureAwait(false);

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (!MessageTemplates.Languages.Contains(Language))
        {
            return BadRequest();
        }

        var text = (Text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        var unknown = System.Text.RegularExpressions.Regex.Matches(text, @"\{[a-z_]+\}").Select(m => m.Value)
            .Where(p => !MessageTemplates.Placeholders.Contains(p)).Distinct().ToList();
        if (text.Length == 0 || text.Length > OutreachTemplateOverrideRow.TextLength || unknown.Count > 0)
        {
            Problem = unknown.Count > 0
                ? "Unknown placeholders: " + string.Join(", ", unknown) + "."
                : $"The text must be 1 to {OutreachTemplateOverrideRow.TextLength} characters.";
            await ShowAsync(cancellationToken).ConfigureAwait(false);
            return Page();
        }

        var key = MessageTemplates.Key(Gap, Channel);
        var row = await db.OutreachTemplateOverrides.FirstOrDefaultAsync(o => o.Template == key && o.Language == Language, cancellationToken)
            .ConfigureAwait(false);
        if (row is null)
        {
            row = new OutreachTemplateOverrideRow { Template = key, Language = Language };
            db.OutreachTemplateOverrides.Add(row);
        }

        row.Text = text;
        row.UpdatedBy = User.Identity?.Name ?? "";
        row.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return RedirectToPage(new { Gap, Channel, lang = Language });
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken cancellationToken)
    {
        var key = MessageTemplates.Key(Gap, Channel);
        await db.OutreachTemplateOverrides.Where(o => o.Template == key && o.Language == Language)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return RedirectToPage(new { Gap, Channel, lang = Language });
    }

    private async Task ShowAsync(CancellationToken cancellationToken)
    {
        if (!MessageTemplates.Languages.Contains(Language))
        {
            Language = "en";
        }

        var key = MessageTemplates.Key(Gap, Channel);
        IsOverridden = await db.OutreachTemplateOverrides.AnyAsync(o => o.Template == key && o.Language == Language, cancellationToken)
            .ConfigureAwait(false);
        Text ??= await templates.TemplateTextAsync(Gap, Channel, Language, cancellationToken).ConfigureAwait(false);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        Preview = MessageTemplates.Render(Gap, Channel, Language, Text, MessageTemplates.Sample(today), options.Value);
    }
}
