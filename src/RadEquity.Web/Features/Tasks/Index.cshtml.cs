using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Audit;

namespace RadEquity.Web.Features.Tasks;

/// <summary><c>/tasks</c>: the tasks given to me, those I gave, or every open one; done or cancelled by the assignee,
/// the creator or an administrator.</summary>
[Authorize(Policy = Policies.PatientData)]
internal sealed class IndexModel(RadEquityDbContext db, UserManager<RadEquityUser> users, AuditTrail audit, TimeProvider time) : PageModel
{
    internal const int PageSize = 50;

    /// <summary><c>mine</c> (default), <c>created</c> or <c>open</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string View { get; set; } = "mine";

    /// <summary>The page of the list, from 1 (<c>?p=</c>: Razor Pages binds its own <c>page</c> value).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public long Id { get; set; }

    [BindProperty]
    public string Close { get; set; } = CareTaskStatus.Done;

    public IReadOnlyList<CareTaskRow> Tasks { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Emails { get; private set; } = new Dictionary<string, string>();

    public bool HasMore { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        View = View is "created" or "open" ? View : "mine";
        PageNumber = Math.Max(1, PageNumber);
        var me = users.GetUserId(User)!;
        var query = db.CareTasks.AsNoTracking();
        query = View switch
        {
            "created" => query.Where(t => t.CreatedBy == me),
            "open" => query.Where(t => t.Status == CareTaskStatus.Open),
            _ => query.Where(t => t.AssignedTo == me && t.Status == CareTaskStatus.Open),
        };
        var rows = await query.OrderBy(t => t.Status == CareTaskStatus.Open ? 0 : 1).ThenByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync(cancellationToken);
        HasMore = rows.Count > PageSize;
        Tasks = rows.Take(PageSize).ToList();
        var ids = Tasks.SelectMany(t => new[] { t.AssignedTo, t.CreatedBy }).OfType<string>().Distinct().ToList();
        Emails = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.UserName ?? u.Id, cancellationToken);
        // The list names patients: recorded before it is shown.
        await audit.RecordAsync(HttpContext, AuditAction.View, "patient-list", $"tasks view={View} p={PageNumber}", cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var me = users.GetUserId(User)!;
        var task = await db.CareTasks.SingleOrDefaultAsync(t => t.Id == Id, cancellationToken);
        if (task is null)
        {
            return NotFound();
        }

        if (task.AssignedTo != me && task.CreatedBy != me && !User.IsInRole(Roles.Admin))
        {
            // Not a policy failure (the caller may see tasks), so no redirect to the access-denied page.
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (task.Status == CareTaskStatus.Open && Close is CareTaskStatus.Done or CareTaskStatus.Cancelled)
        {
            task.Status = Close;
            task.ClosedBy = me;
            task.ClosedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        return RedirectToPage(new { view = View });
    }
}
