using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Coalition;

/// <summary>
/// <c>/coalition/my-pledge/data?token=</c>, from the data-rights e-mail: the person's pledge as stored, its export as
/// JSON (<c>?handler=export</c>) and its deletion (a form post, so a link preview cannot delete).
/// </summary>
[AllowAnonymous]
internal sealed class MyPledgeDataModel(Pledges pledges) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public PledgeRow? Pledge { get; private set; }

    public bool Deleted { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Pledge = await pledges.FindMyDataAsync(Token, cancellationToken).ConfigureAwait(false);
        Response.Headers.CacheControl = "no-store";
        if (Pledge is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        if (await pledges.FindMyDataAsync(Token, cancellationToken).ConfigureAwait(false) is not { } pledge)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Response.Headers.CacheControl = "no-store";
        return File(JsonSerializer.SerializeToUtf8Bytes(PledgeExport.Of(pledge), Json), "application/json", "radequity-pledge.json");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        if (await pledges.DeleteAsync(Token, cancellationToken).ConfigureAwait(false) is LinkOutcome.Invalid or LinkOutcome.Expired)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Deleted = true;
        return Page();
    }
}

/// <summary>Everything stored about one pledge, as the person receives it.</summary>
internal sealed record PledgeExport(
    string Email, string Name, string Role, string Organisation, string State, string PracticeSetting, IReadOnlyList<string> Actions,
    string Commitment, bool ShowName, string Language, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ConfirmedAt,
    DateTimeOffset? UnsubscribedAt)
{
    public static PledgeExport Of(PledgeRow p) => new(
        p.Email, p.Name, p.Role, p.Organisation, p.State, p.PracticeSetting, p.Actions.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        p.Commitment, p.ShowName, p.Culture, p.CreatedAt, p.UpdatedAt, p.ConfirmedAt, p.UnsubscribedAt);
}
