using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Audit;

namespace RadEquity.Web.Features.Outreach;

/// <summary>
/// <c>/outreach/send</c>: a navigator sends one message to a list of patients (one <c>source/patient id</c> a line): each
/// goes through the rules and is logged; letters of one sending go into one new batch. Shows each attempt's outcome.
/// </summary>
[Authorize(Policy = Policies.PatientData)]
internal sealed class SendModel(RadEquityDbContext db, Delivery delivery, AuditTrail audit, IOptions<OutreachOptions> options, TimeProvider time)
    : PageModel
{
    public const int MostPatients = 500;

    [BindProperty]
    public string? Patients { get; set; }

    [BindProperty]
    public GapKind Gap { get; set; }

    [BindProperty]
    public Channel Channel { get; set; }

    [BindProperty]
    public DateOnly? DueDate { get; set; }

    [BindProperty]
    public List<PatientBarrier> Barriers { get; set; } = [];

    public IReadOnlyList<(string Patient, DeliveryResult Result)> Results { get; private set; } = [];

    public long? LetterBatchId { get; private set; }

    public string? Problem { get; private set; }

    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        var lines = (Patients ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var keys = lines.Select(l => l.Split('/', 2)).Where(p => p.Length == 2 && p[0].Length > 0 && p[1].Length > 0).ToList();
        if (Channel == Channel.Phone)
        {
            Problem = "Phone scripts are read by a navigator; preview them on the templates page.";
            return;
        }

        if (keys.Count == 0 || keys.Count != lines.Length || keys.Count > MostPatients)
        {
            Problem = $"Give 1 to {MostPatients} patients, one source/patient id a line.";
            return;
        }

        if (Channel == Channel.Letter)
        {
            var batch = new LetterBatchRow { CreatedAt = time.GetUtcNow(), CreatedBy = User.Identity?.Name ?? "" };
            db.LetterBatches.Add(batch);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            LetterBatchId = batch.Id;
        }

        await audit.RecordAsync(HttpContext, AuditAction.View, "outreach-send",
            $"{MessageTemplates.Key(Gap, Channel)} to {keys.Count} patients", cancellationToken).ConfigureAwait(false);
        var baseUrl = OutreachFeature.BaseUrl(Request, options.Value);
        var results = new List<(string, DeliveryResult)>();
        foreach (var key in keys)
        {
            var request = new DeliveryRequest(key[0], key[1], Gap, Channel, DueDate, Barriers.ToHashSet());
            results.Add((key[0] + "/" + key[1], await delivery.SendAsync(request, baseUrl, LetterBatchId, cancellationToken).ConfigureAwait(false)));
        }

        Results = results;
    }
}
