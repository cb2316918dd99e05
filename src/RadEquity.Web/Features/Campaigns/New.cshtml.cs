using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
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
internal sealed class NewModel(CampaignCohorts cohorts, CampaignSender sender, AuditTrail audit) : PageModel
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
                Problem ??= $"{field}: \"{value}\" is not a category of {stratifier.Name}.";
            }

            return value;
        }

        if (requireName && (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > CampaignRow.NameLength))
        {
            Problem = $"Name: give the campaign a name of 1 to {CampaignRow.NameLength} characters.";
        }

        if (Measure is null || !WorklistMeasures.Ids.Contains(Measure))
        {
            Problem ??= "Gap: choose one of the worklist's measures.";
        }

        if (!Channels.Contains(Channel))
        {
            Problem ??= "Channel: choose text message, e-mail or letter.";
        }

        if (BatchSize is < 1 or > CampaignSender.MostBatchSize)
        {
            Problem ??= $"Batch size: from 1 to {CampaignSender.MostBatchSize}.";
        }

        var zips = CampaignCohort.ParseZips(Zips, out var zipProblem);
        Problem ??= zipProblem;
        var cohort = new CampaignCohort
        {
            MeasureId = Measure ?? "",
            Payer = Category("Payer", Stratifiers.Payer, Payer),
            Rurality = Category("Rurality", Stratifiers.Rurality, Rurality),
            Sex = Category("Sex", Stratifiers.Sex, Sex),
            AgeBand = Category("Age band", Stratifiers.AgeBand, AgeBand),
            Language = Category("Language", Stratifiers.Language, Language),
            RaceEthnicity = Category("Race and ethnicity", Stratifiers.RaceEthnicity, RaceEthnicity),
            Deprivation = Category("Deprivation", Stratifiers.Deprivation, Deprivation),
            Zips = zips ?? [],
            OverdueOnly = OverdueOnly,
        };
        return Problem is null ? cohort : null;
    }
}
