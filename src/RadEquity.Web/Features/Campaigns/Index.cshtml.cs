using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Engine.Strata;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Campaigns;

/// <summary>One campaign in the list: its row, how many members are still pending, and its funnel.</summary>
internal sealed record CampaignLine(CampaignRow Campaign, int Pending, Funnel Funnel);

/// <summary><c>/campaigns</c>: every campaign, newest first, with its status and funnel (counts of its own members only).</summary>
[Authorize(Policy = Policies.PatientData)]
internal sealed class IndexModel(RadEquityDbContext db, CampaignTracking tracking) : PageModel
{
    public IReadOnlyList<CampaignLine> Lines { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var campaigns = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.Id).Take(100).ToListAsync(cancellationToken);
        var lines = new List<CampaignLine>();
        foreach (var campaign in campaigns)
        {
            var progress = await tracking.ProgressAsync(campaign, Stratifiers.Payer.Id, cancellationToken);
            lines.Add(new CampaignLine(campaign, progress.Count(p => p.Member.State == CampaignMemberState.Pending), CampaignTracking.FunnelOf(progress)));
        }

        Lines = lines;
    }
}
