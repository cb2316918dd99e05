using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RadEquity.Risk;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Data;

namespace RadEquity.Web.Features.Admin;

/// <summary><c>/admin/risk/{version}</c>: a stored model's evaluation report (AUCs, calibration, fairness by group).</summary>
[Authorize(Policy = Policies.Administration)]
internal sealed class RiskModelReportModel(WorkFolder folder) : PageModel
{
    public RiskModelCard Card { get; private set; } = null!;

    public string Report { get; private set; } = "";

    public bool IsActive { get; private set; }

    public IActionResult OnGet(int version)
    {
        var store = RiskModels.Store(folder);
        if (store.Card(version) is not { } card)
        {
            return NotFound();
        }

        Card = card;
        Report = EvaluationReportText.Render(card);
        IsActive = store.ActiveVersion() == version;
        return Page();
    }
}
