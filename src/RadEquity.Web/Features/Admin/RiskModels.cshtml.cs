using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RadEquity.Risk;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Data;
using RadEquity.Web.Features.Jobs;

namespace RadEquity.Web.Features.Admin;

/// <summary><c>/admin/risk</c>: the stored no-show risk models with their AUCs, training a new one in the background,
/// and switching one on (only a version whose evaluation report is stored; ADR 0010).</summary>
[Authorize(Policy = Policies.Administration)]
internal sealed class RiskModelsModel(WorkFolder folder, RiskTrainingJobs training, JobQueue jobs, TimeProvider time) : PageModel
{
    public IReadOnlyList<RiskModelCard> Models { get; private set; } = [];

    public int? Active { get; private set; }

    public IReadOnlyList<JobSnapshot> Jobs { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "job")]
    public Guid? StartedJob { get; set; }

    /// <summary>The training seed: the same store and seed give the same model.</summary>
    [BindProperty]
    [Range(0, int.MaxValue, ErrorMessage = "Seed: a whole number from 0.")]
    public int Seed { get; set; } = 1;

    /// <summary>Learn from appointments that started before this date (default: today).</summary>
    [BindProperty]
    [DataType(DataType.Date)]
    public DateOnly? Until { get; set; }

    /// <summary>The version to switch on.</summary>
    [BindProperty]
    public int Version { get; set; }

    public string? Message { get; private set; }

    public void OnGet()
    {
        Until = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        Load();
    }

    public IActionResult OnPostTrain()
    {
        if (!ModelState.IsValid)
        {
            Load();
            return Page();
        }

        var job = training.Start(Seed, Until ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), User.Identity?.Name ?? "unknown");
        return RedirectToPage(new { job = job.Id });
    }

    public IActionResult OnPostActivate()
    {
        try
        {
            RiskModels.Store(folder).Activate(Version);
        }
        catch (InvalidOperationException e)
        {
            ModelState.AddModelError(nameof(Version), e.Message);
            Load();
            return Page();
        }

        return RedirectToPage();
    }

    private void Load()
    {
        var store = RiskModels.Store(folder);
        Models = [.. store.Versions().OrderDescending().Select(store.Card).OfType<RiskModelCard>()];
        Active = store.ActiveVersion();
        Jobs = jobs.Recent(RiskTrainingJobs.JobKind);
    }
}

/// <summary>Where the web app keeps its risk models: <c>&lt;work folder&gt;/models/risk</c>, the folder the CLI's
/// <c>radequity risk</c> uses with the same work folder.</summary>
internal static class RiskModels
{
    public static RiskModelStore Store(WorkFolder folder) => RiskModelStore.InWorkFolder(folder.Root);
}
