using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Coalition.Home.Staff;

/// <summary><c>/coalition/staff/organisations</c>: staff list, add (<c>?edit=</c> none), edit (<c>?edit=id</c>) and delete member organisations.</summary>
[Authorize(Policy = Policies.CoalitionStaff)]
internal sealed class OrganisationsModel(RadEquityDbContext db, IStringLocalizer<HomeText> text, TimeProvider time, ILogger<OrganisationsModel> log)
    : PageModel
{
    public const int PageSize = 25;

    [BindProperty]
    public OrganisationInput Input { get; set; } = new();

    /// <summary>The organisation being edited; null when adding.</summary>
    [BindProperty(SupportsGet = true)]
    public long? Edit { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public FormProblems Problems { get; private set; } = new("Input", []);

    public IReadOnlyList<MemberOrganisationRow> Organisations { get; private set; } = [];

    public int Total { get; private set; }

    /// <summary>What the last post did (<c>saved</c>, <c>deleted</c>), shown once after the redirect.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Edit is { } id)
        {
            if (await db.MemberOrganisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken).ConfigureAwait(false) is not { } row)
            {
                return NotFound();
            }

            Input = OrganisationInput.From(row);
        }

        await ListAsync(cancellationToken).ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Problems = Problems with { Items = [.. Input.Problems(text, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))] };
        if (Problems.Items.Count > 0)
        {
            await ListAsync(cancellationToken).ConfigureAwait(false);
            return Page();
        }

        MemberOrganisationRow? row;
        if (Edit is { } id)
        {
            row = await db.MemberOrganisations.SingleOrDefaultAsync(o => o.Id == id, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                return NotFound();
            }
        }
        else
        {
            row = new MemberOrganisationRow();
            db.MemberOrganisations.Add(row);
        }

        Input.CopyTo(row);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        log.LogInformation("Organisation {OrganisationId} saved by staff.", row.Id);
        return RedirectToPage(new { done = "saved" });
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken)
    {
        var deleted = await db.MemberOrganisations.Where(o => o.Id == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        if (deleted == 0)
        {
            return NotFound();
        }

        log.LogInformation("Organisation {OrganisationId} deleted by staff.", id);
        return RedirectToPage(new { done = "deleted" });
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        Total = await db.MemberOrganisations.CountAsync(cancellationToken).ConfigureAwait(false);
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (Total + PageSize - 1) / PageSize));
        Organisations = await db.MemberOrganisations.AsNoTracking().OrderBy(o => o.Name).ThenBy(o => o.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
