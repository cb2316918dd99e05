using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Web.Features.Outreach;

namespace RadEquity.Web.Features.Worklist;

/// <summary>One line of a patient's contact history: when, who, how, what came of it, about what, and the navigator's note.</summary>
internal sealed record ContactHistoryEntry(DateTimeOffset At, string Who, string Channel, string Outcome, string What, string Note);

/// <summary>
/// A patient's contacts, newest first: every row of <c>outreach_attempts</c> (what the app sent or skipped, texts the
/// patient sent back, and the navigators' contacts, which point at their <c>work_item_attempts</c> row for who and the
/// note), and the navigators' attempts logged before they were also written there.
/// </summary>
internal static class ContactHistory
{
    public const int PageSize = 50;

    /// <summary>The <c>outreach_attempts.reason</c> of a navigator's contact: the prefix of its work item attempt's id.</summary>
    public const string ItemAttemptPrefix = "item-attempt:";

    /// <summary>The template of a navigator's contact other than a call with the item's script.</summary>
    public const string Manual = "manual";

    /// <summary>A page of the history (1-based) and whether an older page follows.</summary>
    public static async Task<(IReadOnlyList<ContactHistoryEntry> Entries, bool HasOlder)> PageAsync(RadEquityDbContext db, string source,
        string patientId, int page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var wanted = (page * PageSize) + 1;
        var measures = await db.WorkItems.AsNoTracking().Where(i => i.Source == source && i.PatientId == patientId)
            .ToDictionaryAsync(i => i.Id, i => i.MeasureId, cancellationToken);
        var itemIds = measures.Keys.ToList();
        var attempts = await db.OutreachAttempts.AsNoTracking().Where(a => a.Source == source && a.PatientId == patientId)
            .OrderByDescending(a => a.AttemptedAt).ThenByDescending(a => a.Id).Take(wanted).ToListAsync(cancellationToken);
        var linked = await db.OutreachAttempts.AsNoTracking()
            .Where(a => a.Source == source && a.PatientId == patientId && a.Reason != null && a.Reason.StartsWith(ItemAttemptPrefix))
            .Select(a => a.Reason!).ToListAsync(cancellationToken);
        var linkedIds = linked.Select(ItemAttemptId).OfType<long>().ToList();
        // The linked rows on this page, for who and the note; and the older rows that were never linked.
        var pageIds = attempts.Select(a => ItemAttemptId(a.Reason)).OfType<long>().ToList();
        var itemAttempts = await db.ContactAttempts.AsNoTracking().Where(a => pageIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        var unlinked = await db.ContactAttempts.AsNoTracking().Where(a => itemIds.Contains(a.WorkItemId) && !linkedIds.Contains(a.Id))
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(wanted).ToListAsync(cancellationToken);

        var entries = new List<ContactHistoryEntry>(attempts.Count + unlinked.Count);
        foreach (var a in attempts)
        {
            if (ItemAttemptId(a.Reason) is { } id && itemAttempts.TryGetValue(id, out var own))
            {
                entries.Add(new(a.AttemptedAt, own.By, a.Channel, a.Outcome, What(measures, own.WorkItemId, a.Template), own.Note));
            }
            else
            {
                var who = a.Outcome == AttemptOutcome.Reply ? "patient" : "automatic";
                var outcome = a.Reason is null ? a.Outcome : a.Outcome + " (" + a.Reason + ")";
                entries.Add(new(a.AttemptedAt, who, a.Channel, outcome, a.Template, ""));
            }
        }

        entries.AddRange(unlinked.Select(a => new ContactHistoryEntry(a.At, a.By, a.Channel, a.Outcome, What(measures, a.WorkItemId, Manual), a.Note)));
        var ordered = entries.OrderByDescending(e => e.At).Skip((page - 1) * PageSize).ToList();
        return (ordered.Take(PageSize).ToList(), ordered.Count > PageSize);
    }

    public static string ItemAttemptReason(long id) => ItemAttemptPrefix + id.ToString(CultureInfo.InvariantCulture);

    private static long? ItemAttemptId(string? reason) =>
        reason is not null && reason.StartsWith(ItemAttemptPrefix, StringComparison.Ordinal)
        && long.TryParse(reason.AsSpan(ItemAttemptPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    private static string What(Dictionary<long, string> measures, long itemId, string template) =>
        (measures.TryGetValue(itemId, out var measure) ? measure + ", " : "") + template;
}
