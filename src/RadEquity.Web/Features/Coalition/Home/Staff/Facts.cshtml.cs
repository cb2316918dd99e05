using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Coalition.Home.Staff;

/// <summary>
/// <c>/coalition/staff/facts</c>: staff keep the disparities page: add, edit (<c>?edit=id</c>), position and delete
/// facts. The page lists them in the public order.
/// </summary>
[Authorize(Policy = Policies.CoalitionStaff)]
internal sealed class FactsModel(RadEquityDbContext db, IStringLocalizer<HomeText> text, TimeProvider time, ILogger<FactsModel> log) : PageModel
{
    [BindProperty]
    public FactInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public long? Edit { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public FormProblems Problems { get; private set; } = new("Input", []);

    /// <summary>Every fact: the page has a handful, so it is not paged.</summary>
    public IReadOnlyList<DisparityFactRow> Facts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await ListAsync(cancellationToken).ConfigureAwait(false);
        if (Edit is { } id)
        {
            if (Facts.SingleOrDefault(f => f.Id == id) is not { } row)
            {
                return NotFound();
            }

            Input = FactInput.From(row);
        }
        else
        {
            // A new fact goes last unless staff say otherwise.
            Input.Position = ((Facts.Count == 0 ? 0 : Facts.Max(f => f.Position)) + 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Problems = Problems with { Items = [.. Input.Problems(text, time.GetUtcNow().Year)] };
        if (Problems.Items.Count > 0)
        {
            await ListAsync(cancellationToken).ConfigureAwait(false);
            return Page();
        }

        DisparityFactRow? row;
        if (Edit is { } id)
        {
            row = await db.DisparityFacts.SingleOrDefaultAsync(f => f.Id == id, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                return NotFound();
            }
        }
        else
        {
            row = new DisparityFactRow();
            db.DisparityFacts.Add(row);
        }

        Input.CopyTo(row);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        log.LogInformation("Disparity fact {FactId} saved by staff.", row.Id);
        return RedirectToPage(new { done = "saved" });
    }

    /// <summary>Swaps the fact's position with its neighbour's (<paramref name="direction"/> <c>up</c> or <c>down</c>).</summary>
    public async Task<IActionResult> OnPostMoveAsync(long id, string? direction, CancellationToken cancellationToken)
    {
        var facts = await db.DisparityFacts.OrderBy(f => f.Position).ThenBy(f => f.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var index = facts.FindIndex(f => f.Id == id);
        if (index < 0)
        {
            return NotFound();
        }

        var other = direction == "up" ? index - 1 : index + 1;
        if (other >= 0 && other < facts.Count)
        {
            // Renumber in steps of ten first, so equal positions cannot make a swap a no-op.
            for (var i = 0; i < facts.Count; i++)
            {
                facts[i].Position = (i + 1) * 10;
            }

            (facts[index].Position, facts[other].Position) = (facts[other].Position, facts[index].Position);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return RedirectToPage(new { done = "saved" });
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken)
    {
        if (await db.DisparityFacts.Where(f => f.Id == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            return NotFound();
        }

        log.LogInformation("Disparity fact {FactId} deleted by staff.", id);
        return RedirectToPage(new { done = "deleted" });
    }

    private async Task ListAsync(CancellationToken cancellationToken) =>
        Facts = await db.DisparityFacts.AsNoTracking().OrderBy(f => f.Position).ThenBy(f => f.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
}
