using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using RadEquity.Data;
using RadEquity.Data.Measures;
using RadEquity.Data.Model;
using RadEquity.Engine.Measures;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Audit;

namespace RadEquity.Web.Features.Outreach;

/// <summary>
/// <c>/outreach/send</c>: a navigator sends one message to a list of patients (one <c>source/patient id</c> a line): each
/// goes through the rules and is logged; letters of one sending go into one new batch. Shows each attempt's outcome.
/// </summary>
[Authorize(Policy = Policies.PatientData)]
internal sealed class SendModel(RadEquityDbContext db, StoreTarget store, Delivery delivery, AuditTrail audit, IOptions<OutreachOptions> options,
    TimeProvider time) : PageModel
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
        var runs = new MeasureRunStore(store, time);
        var run = DueDate is null ? await runs.LatestCompletedRunAsync(cancellationToken).ConfigureAwait(false) : null;
        foreach (var key in keys)
        {
            var due = DueDate ?? (run is null ? null : await OpenGapDueDateAsync(runs, run.Id, key[0], key[1], cancellationToken).ConfigureAwait(false));
            var request = new DeliveryRequest(key[0], key[1], Gap, Channel, due, Barriers.ToHashSet());
            results.Add((key[0] + "/" + key[1], await delivery.SendAsync(request, baseUrl, LetterBatchId, cancellationToken).ConfigureAwait(false)));
        }

        Results = results;
    }

    /// <summary>The earliest due date of the patient's open or coming gaps of this kind in the latest run (the care gaps are
    /// the measures' outcomes; outreach does not work them out again).</summary>
    private async Task<DateOnly?> OpenGapDueDateAsync(MeasureRunStore runs, long runId, string source, string patientId,
        CancellationToken cancellationToken)
    {
        var outcomes = await runs.ReadOutcomesAsync(runId, patientId, cancellationToken).ConfigureAwait(false);
        return outcomes
            .Where(o => o.Source == source && GapKinds.ForMeasure(o.MeasureId) == Gap && o.Result.Gap is GapStatus.Open or GapStatus.Prospective)
            .Select(o => o.Result.DueDate)
            .Min();
    }
}
