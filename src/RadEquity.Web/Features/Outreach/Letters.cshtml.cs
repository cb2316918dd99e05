using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Audit;

namespace RadEquity.Web.Features.Outreach;

/// <summary><c>/outreach/letters/{id}</c>: one batch of letters as one printable page, one letter per printed page (audited).</summary>
[Authorize(Policy = Policies.PatientData)]
internal sealed class LettersModel(RadEquityDbContext db, AuditTrail audit) : PageModel
{
    public IReadOnlyList<LetterRow> Letters { get; private set; } = [];

    public LetterBatchRow? Batch { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        Batch = await db.LetterBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken).ConfigureAwait(false);
        if (Batch is null)
        {
            return NotFound();
        }

        Letters = await db.Letters.AsNoTracking().Where(l => l.BatchId == id).OrderBy(l => l.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(HttpContext, AuditAction.View, "letter-batch", "batch " + id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            cancellationToken).ConfigureAwait(false);
        return Page();
    }
}
