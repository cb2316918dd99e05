using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using RadEquity.Data;
using RadEquity.Data.Measures;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Audit;
using RadEquity.Web.Features.Outreach;

namespace RadEquity.Web.Features.Campaigns;

/// <summary>One batch of a campaign: its members by state, and the letters printed for it.</summary>
internal sealed record BatchLine(int Batch, int Members, int Sent, int Skipped, int Failed, int Sending, long? LetterBatchId);

/// <summary>
/// <c>/campaigns/{id}</c>: the funnel overall and per stratum, the batches with "send next batch", the measure's disparity
/// before and after per stratum, and the members (paged with <c>?p=</c>). Patient data: every view and send is audited.
/// </summary>
[Authorize(Policy = Policies.PatientData)]
internal sealed class CampaignModel(RadEquityDbContext db, CampaignTracking tracking, CampaignDisparity disparity, CampaignSender sender,
    AuditTrail audit, IOptions<OutreachOptions> options, IStringLocalizer<CampaignText> text) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The stratifiers a campaign can be broken down by (the ones each run keeps per patient).</summary>
    public static IReadOnlyList<string> Stratifiers => [.. RunStrata.Stored.Select(s => s.Id)];

    [FromRoute]
    public long Id { get; set; }

    [FromQuery(Name = "by")]
    public string By { get; set; } = Engine.Strata.Stratifiers.Payer.Id;

    [FromQuery(Name = "p")]
    public int PageNumber { get; set; } = 1;

    public CampaignRow? Campaign { get; private set; }

    public CampaignCohort Cohort { get; private set; } = new();

    public Funnel Funnel { get; private set; } = new(0, 0, 0, 0);

    public IReadOnlyList<StratumFunnel> Strata { get; private set; } = [];

    public DisparityChange? Disparity { get; private set; }

    public IReadOnlyList<BatchLine> Batches { get; private set; } = [];

    public IReadOnlyList<MemberProgress> Members { get; private set; } = [];

    public int Pending { get; private set; }

    public int Pages { get; private set; } = 1;

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == Id, cancellationToken);
        if (Campaign is null)
        {
            return NotFound();
        }

        if (!Stratifiers.Contains(By))
        {
            By = Engine.Strata.Stratifiers.Payer.Id;
        }

        await audit.RecordAsync(HttpContext, AuditAction.View, "campaign", "campaign " + Id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        Cohort = CampaignCohort.FromJson(Campaign.Filters);
        var progress = await tracking.ProgressAsync(Campaign, By, cancellationToken);
        Funnel = CampaignTracking.FunnelOf(progress);
        Strata = CampaignTracking.ByStratum(Campaign.MeasureId, By, progress);
        Disparity = await disparity.CompareAsync(Campaign.MeasureId, Campaign.BaselineRunId, By, cancellationToken);
        Pending = progress.Count(p => p.Member.State == CampaignMemberState.Pending);
        var letters = await db.OutreachAttempts.AsNoTracking()
            .Where(a => a.LetterBatchId != null && db.CampaignMembers.Any(m => m.CampaignId == Id && m.OutreachAttemptId == a.Id))
            .Select(a => new { a.Id, a.LetterBatchId }).ToDictionaryAsync(a => a.Id, a => a.LetterBatchId, cancellationToken);
        Batches = progress.Select(p => p.Member).Where(m => m.Batch is not null).GroupBy(m => m.Batch!.Value).OrderBy(g => g.Key)
            .Select(g => new BatchLine(g.Key, g.Count(), g.Count(m => m.State == CampaignMemberState.Sent), g.Count(m => m.State == CampaignMemberState.Skipped),
                g.Count(m => m.State == CampaignMemberState.Failed), g.Count(m => m.State == CampaignMemberState.Sending),
                g.Select(m => m.OutreachAttemptId is { } a ? letters.GetValueOrDefault(a) : null).FirstOrDefault(l => l is not null)))
            .ToList();
        Pages = Math.Max(1, (progress.Count + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Members = progress.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        return Page();
    }

    /// <summary>Sends the next batch of pending members.</summary>
    public async Task<IActionResult> OnPostSendAsync(CancellationToken cancellationToken)
    {
        if (!await db.Campaigns.AnyAsync(c => c.Id == Id, cancellationToken))
        {
            return NotFound();
        }

        await audit.RecordAsync(HttpContext, AuditAction.View, "campaign-send", "campaign " + Id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        try
        {
            var result = await sender.SendNextBatchAsync(Id, OutreachFeature.BaseUrl(Request, options.Value), User.Identity?.Name ?? "", cancellationToken);
            Message = result is null
                ? text["Send_NothingPending"]
                : text["Send_Batch", result.Batch, result.Sent, result.Skipped, result.Failed]
                    + (result.Recovered > 0 ? " " + text["Send_Recovered", result.Recovered] : "");
        }
        catch (CampaignBusyException)
        {
            Message = text["Send_Busy"];
        }

        return Redirect("/campaigns/" + Id.ToString(CultureInfo.InvariantCulture));
    }

    public string QueryWith(string key, string value)
    {
        var query = Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        query[key] = value;
        return "/campaigns/" + Id.ToString(CultureInfo.InvariantCulture) + QueryString.Create(query!).ToUriComponent();
    }
}
