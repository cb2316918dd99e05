using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Audit;

namespace RadEquity.Web.Features.Worklist;

/// <summary>A work item as a list shows it: the row, its score and its barriers.</summary>
internal sealed record WorkItemLine(WorkItemRow Item, PriorityScore Score, IReadOnlyList<string> Barriers);

/// <summary>
/// The worklist: work items in priority order (or interleaved across strata with the equity option), with filters,
/// paging (<c>?p=</c>), "my queue" and bulk assignment to a navigator (Admins and Analysts). Patient data: every view
/// is audited before anything is shown.
/// </summary>
[Authorize(Policy = Policies.PatientData)]
internal sealed class IndexModel(RadEquityDbContext db, TimeProvider time, AuditTrail audit, IMissRiskScorer risk,
    UserManager<RadEquityUser> users) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The stratifiers the equity option can share capacity across (the categories an item keeps).</summary>
    public static readonly IReadOnlyList<string> EquityStratifiers = ["race-ethnicity", "payer", "language", "rurality"];

    [BindProperty(SupportsGet = true)]
    public string? Measure { get; set; }

    /// <summary>A status, "all", or empty for the statuses still worked.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    /// <summary>A navigator's user id, or "none" for unassigned items.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Navigator { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Barrier { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Language { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    /// <summary>Only the items assigned to the signed-in user.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Mine { get; set; }

    /// <summary>A stratifier id: interleave across its categories by gap to the reference rate; empty for plain priority.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Equity { get; set; }

    // "p", not "page": Razor Pages' own route value "page" is bound first and would hide the query's.
    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<WorkItemLine> Lines { get; private set; } = [];

    public int Total { get; private set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public IReadOnlyList<string> Languages { get; private set; } = [];

    public IReadOnlyList<RadEquityUser> Navigators { get; private set; } = [];

    public string? ActiveModel { get; private set; }

    public bool MayAssign => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Analyst);

    public DateOnly Today { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        if (Equity is { Length: > 0 } && !EquityStratifiers.Contains(Equity))
        {
            return BadRequest();
        }

        await audit.RecordAsync(HttpContext, AuditAction.View, "worklist", Describe(), cancellationToken);
        Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var items = await Filtered().AsNoTracking().ToListAsync(cancellationToken);
        // Every filtered item is scored: the order depends on the risk part.
        var risks = await risk.ScoreAsync(items, Today, cancellationToken);
        ActiveModel = risks.Model;
        var lines = items.Select(i => new WorkItemLine(i, PriorityScore.Of(i, Today, risks.Of(i.Id)), Barriers.Of(i)))
            .Where(l => Barrier is not { Length: > 0 } b || l.Barriers.Contains(b))
            .Where(l => !Overdue || l.Score.DaysOverdue > 0)
            .OrderByDescending(l => l.Score.Total).ThenBy(l => l.Item.DueDate).ThenBy(l => l.Item.Id)
            .ToList();
        if (Equity is { Length: > 0 } stratifier)
        {
            var gaps = await GapsAsync(stratifier, cancellationToken);
            lines = [.. EquityAllocation.Interleave(lines, l => l.Item.MeasureId + "|" + CategoryOf(l.Item, stratifier),
                g => gaps.GetValueOrDefault(g))];
        }

        Total = lines.Count;
        Lines = lines.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        Languages = await db.WorkItems.Select(i => i.Language).Distinct().OrderBy(l => l).ToListAsync(cancellationToken);
        Navigators = [.. (await users.GetUsersInRoleAsync(Roles.Navigator)).OrderBy(u => u.UserName, StringComparer.Ordinal)];
        return Page();
    }

    /// <summary>Assigns the selected items to a navigator (or unassigns them with an empty navigator).</summary>
    public async Task<IActionResult> OnPostAssignAsync(long[] selected, string? assignTo, CancellationToken cancellationToken)
    {
        if (!MayAssign)
        {
            return Forbid();
        }

        RadEquityUser? navigator = null;
        if (assignTo is { Length: > 0 })
        {
            navigator = await users.FindByIdAsync(assignTo);
            if (navigator is null || !await users.IsInRoleAsync(navigator, Roles.Navigator))
            {
                return BadRequest();
            }
        }

        var now = time.GetUtcNow();
        var changed = await db.WorkItems.Where(i => selected.Contains(i.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.AssignedTo, navigator == null ? null : navigator.Id)
            .SetProperty(i => i.AssignedName, navigator == null ? null : navigator.UserName)
            .SetProperty(i => i.UpdatedAt, now), cancellationToken);
        Message = string.Create(CultureInfo.InvariantCulture, $"{changed} item(s) assigned to {navigator?.UserName ?? "nobody"}.");
        return Redirect(Request.Path + QueryWith("handler", null));
    }

    /// <summary>The query string of this list with one parameter changed (for paging links).</summary>
    public string QueryWith(string key, string? value)
    {
        var query = Request.Query.Where(q => q.Key != key && q.Key != "handler").ToDictionary(q => q.Key, q => q.Value.ToString());
        if (value is not null)
        {
            query[key] = value;
        }

        return QueryString.Create(query!).ToUriComponent();
    }

    private IQueryable<WorkItemRow> Filtered()
    {
        var items = db.WorkItems.AsQueryable();
        var statuses = Status switch
        {
            null or "" => WorkItemStatus.Open,
            "all" => WorkItemStatus.All,
            var one => [one],
        };
        items = items.Where(i => statuses.Contains(i.Status));
        if (Measure is { Length: > 0 } measure)
        {
            items = items.Where(i => i.MeasureId == measure);
        }

        if (Mine)
        {
            var me = users.GetUserId(User);
            items = items.Where(i => i.AssignedTo == me);
        }
        else if (Navigator == "none")
        {
            items = items.Where(i => i.AssignedTo == null);
        }
        else if (Navigator is { Length: > 0 } navigator)
        {
            items = items.Where(i => i.AssignedTo == navigator);
        }

        if (Language is { Length: > 0 } language)
        {
            items = items.Where(i => i.Language == language);
        }

        return items;
    }

    /// <summary>Each (measure | category) group's gap to the reference rate in the latest synced run's counts.</summary>
    private async Task<Dictionary<string, double>> GapsAsync(string stratifier, CancellationToken cancellationToken)
    {
        var run = await db.WorklistSyncs.MaxAsync(s => (long?)s.RunId, cancellationToken);
        var counts = await db.MeasureCounts.AsNoTracking()
            .Where(c => c.RunId == run && c.StratifierId == stratifier)
            .Select(c => new { c.MeasureId, c.Category, Eligible = c.Denominator - c.Exclusions, c.Numerator })
            .ToListAsync(cancellationToken);
        var gaps = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var measure in counts.GroupBy(c => c.MeasureId))
        {
            foreach (var (category, gap) in EquityAllocation.GapsToReference(measure.Select(c => (c.Category, c.Eligible, c.Numerator))))
            {
                gaps[measure.Key + "|" + category] = gap;
            }
        }

        return gaps;
    }

    internal static string CategoryOf(WorkItemRow item, string stratifier) => stratifier switch
    {
        "payer" => item.Payer,
        "language" => item.Language,
        "rurality" => item.Rurality,
        _ => item.RaceEthnicity,
    };

    private string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"measure={Measure} status={Status} navigator={Navigator} barrier={Barrier} language={Language} overdue={Overdue} mine={Mine} equity={Equity} page {PageNumber}");
}
