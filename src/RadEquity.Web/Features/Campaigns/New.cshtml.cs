using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RadEquity.Data.Model;
using RadEquity.Engine.Strata;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Audit;
using RadEquity.Web.Features.Outreach;
using RadEquity.Web.Features.Worklist;

namespace RadEquity.Web.Features.Campaigns;

/// <summary>
/// <c>/campaigns/new</c>: the gap, the cohort's filters, the channel and the batch size; "preview" counts the matching
/// patients and how many each channel reaches before anything is created; "create" freezes the members.
/// </summary>
[Authorize(Policy = Policies.PatientData)]
internal sealed class NewModel(CampaignCohorts cohorts, CampaignSender sender, AuditTrail audit, IStringLocalizer<CampaignText> text) : PageModel
{
    public const int DefaultBatchSize = 50;

    /// <summary>The channels a campaign sends by (phone scripts are read by navigators, not sent).</summary>
    public static readonly IReadOnlyList<Channel> Channels = [Channel.Sms, Channel.Email, Channel.Letter];

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Measure { get; set; }
    [BindProperty] public Channel Channel { get; set; } = Channel.Sms;
    [BindProperty] public int BatchSize { get; set; } = DefaultBatchSize;
    [BindProperty] public string? Payer { get; set; }
    [BindProperty] public string? Rurality { get; set; }
    [BindProperty] public string? Sex { get; set; }
    [BindProperty] public string? AgeBand { get; set; }
    [BindProperty] public string? Language { get; set; }
    [BindProperty] public string? RaceEthnicity { get; set; }
    [BindProperty] public string? Deprivation { get; set; }
    [BindProperty] public string? Zips { get; set; }
    [BindProperty] public bool OverdueOnly { get; set; }

    public CohortReach? Reach { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>The choices of each category filter: the stratifier's known categories and Unknown.</summary>
    public static IReadOnlyList<string> ChoicesOf(Stratifier stratifier)
    {
        ArgumentNullException.ThrowIfNull(stratifier);
        return [.. stratifier.KnownCategories.Append(Stratifier.Unknown).Distinct(StringComparer.Ordinal)];
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (Validate(requireName: false) is not { } cohort)
        {
            return Page();
        }

        Reach = await cohorts.ReachAsync(await cohorts.MatchAsync(cohort, cancellationToken), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (Validate(requireName: true) is not { } cohort)
        {
            return Page();
        }

        var id = await sender.CreateAsync(new CampaignDraft(Name!.Trim(), cohort, Channel, BatchSize), User.Identity?.Name ?? "", cancellationToken);
        await audit.RecordAsync(HttpContext, AuditAction.View, "campaign-create",
            "campaign " + id.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + cohort.Describe(), cancellationToken);
        return Redirect("/campaigns/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The cohort the form describes, or null with <see cref="Problem"/> naming the field that is wrong.</summary>
    private CampaignCohort? Validate(bool requireName)
    {
        string? Category(string field, Stratifier stratifier, string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            if (!ChoicesOf(stratifier).Contains(value))
            {
                Problem ??= text["Error_Category", text[field], value, stratifier.Name];
            }

            return value;
        }

        if (requireName && (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > CampaignRow.NameLength))
        {
            Problem = text["Error_Name", CampaignRow.NameLength];
        }

        if (Measure is null || !WorklistMeasures.Ids.Contains(Measure))
        {
            Problem ??= text["Error_Measure"];
        }

        if (!Channels.Contains(Channel))
        {
            Problem ??= text["Error_Channel"];
        }

        if (BatchSize is < 1 or > CampaignSender.MostBatchSize)
        {
            Problem ??= text["Error_BatchSize", CampaignSender.MostBatchSize];
        }

        var zips = CampaignCohort.ParseZips(Zips, out var badZip);
        if (badZip is not null)
        {
            Problem ??= text["Error_Zip", badZip];
        }

        var cohort = new CampaignCohort
        {
            MeasureId = Measure ?? "",
            Payer = Category("Filter_Payer", Stratifiers.Payer, Payer),
            Rurality = Category("Filter_Rurality", Stratifiers.Rurality, Rurality),
            Sex = Category("Filter_Sex", Stratifiers.Sex, Sex),
            AgeBand = Category("Filter_AgeBand", Stratifiers.AgeBand, AgeBand),
            Language = Category("Filter_Language", Stratifiers.Language, Language),
            RaceEthnicity = Category("Filter_RaceEthnicity", Stratifiers.RaceEthnicity, RaceEthnicity),
            Deprivation = Category("Filter_Deprivation", Stratifiers.Deprivation, Deprivation),
            Zips = zips ?? [],
            OverdueOnly = OverdueOnly,
        };
        return Problem is null ? cohort : null;
    }
}
