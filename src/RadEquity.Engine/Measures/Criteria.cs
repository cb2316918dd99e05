using System.Globalization;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Terminology;

namespace RadEquity.Engine.Measures;

/// <summary>
/// The status filters of the eCQM <c>Status</c> library (1.15.000) and <c>QICoreCommon</c> (4.0.000) interval
/// functions, over <see cref="EventRecord"/>s, plus the search that records evidence.
/// </summary>
internal static class Criteria
{
    public const string ObservationCategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";

    /// <summary>A check of one event: null when it satisfies the criterion, else why not.</summary>
    public delegate string? Check<in TState>(EventRecord e, TState state);

    /// <summary>
    /// The events whose codes (or values) are in <paramref name="mask"/> and that pass <paramref name="check"/>:
    /// returns the one with the latest end day (or the earliest, when <paramref name="earliest"/>). Candidates that fail
    /// are logged as <see cref="EvidenceRole.NotSatisfied"/> with the reason; the chosen one as satisfied; none as
    /// <see cref="EvidenceRole.Absent"/>.
    /// </summary>
    public static EventRecord? Find<TState>(PatientRecord patient, ValueSetMask mask, TState state, Check<TState> check,
        List<Evidence>? log, string criterion, bool earliest = false, bool byValue = false)
    {
        if (!(byValue ? patient.ValueUnion : patient.CodeUnion).Overlaps(mask))
        {
            log?.Add(new Evidence(criterion, EvidenceRole.Absent, null, null, "no qualifying fact"));
            return null;
        }

        EventRecord? best = null;
        var events = patient.Events;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (!(byValue ? e.Values : e.Codes).Overlaps(mask))
            {
                continue;
            }

            var failure = check(e, state);
            if (failure is not null)
            {
                log?.Add(new Evidence(criterion, EvidenceRole.NotSatisfied, e.Reference, e.LatestDay, failure));
                continue;
            }

            if (best is null || (earliest ? Compare(e, best) < 0 : Compare(e, best) > 0))
            {
                best = e;
            }
        }

        if (log is not null)
        {
            log.Add(best is null
                ? new Evidence(criterion, EvidenceRole.Absent, null, null, "no qualifying fact")
                : new Evidence(criterion, EvidenceRole.Satisfied, best.Reference, best.LatestDay, Describe(best)));
        }

        return best;
    }

    private static int Compare(EventRecord a, EventRecord b)
    {
        var byDay = Nullable.Compare(a.EndDay, b.EndDay);
        return byDay != 0 ? byDay : string.CompareOrdinal(a.ResourceId, b.ResourceId);
    }

    /// <summary>A short description of a fact for evidence: kind, status, dates.</summary>
    public static string Describe(EventRecord e)
    {
        var start = e.StartDay;
        var end = e.EndDay;
        var when = start == end ? Day(end) : Day(start) + " to " + (end == DateOnly.MaxValue ? "no end" : Day(end));
        return $"{e.Event.Kind} ({e.Event.Status ?? "no status"}) {when}";
    }

    public static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "undated";

    // --- status filters (Status 1.15.000) ---------------------------------------------------------------------------

    /// <summary><c>isEncounterPerformed</c>: status finished.</summary>
    public static bool IsEncounterPerformed(EventRecord e) =>
        e.Event.Kind == EventKind.Encounter && e.Event.Status == "finished";

    /// <summary><c>isProcedurePerformed</c> / <c>isInterventionPerformed</c>: status completed.</summary>
    public static bool IsProcedurePerformed(EventRecord e) =>
        e.Event.Kind == EventKind.Procedure && e.Event.Status == "completed";

    /// <summary><c>isAssessmentPerformed</c> / <c>isLaboratoryTestPerformed</c>: final, amended or corrected.</summary>
    public static bool IsFinalObservation(EventRecord e) =>
        e.Event.Kind == EventKind.Observation && IsFinal(e.Event.Status);

    /// <summary><c>isSymptom</c>: preliminary, final, amended or corrected.</summary>
    public static bool IsSymptom(EventRecord e) =>
        e.Event.Kind == EventKind.Observation && (IsFinal(e.Event.Status) || e.Event.Status == "preliminary");

    /// <summary><c>isMedicationActive</c>: status active (intent is not kept on the fact; see docs/measures.md).</summary>
    public static bool IsMedicationActive(EventRecord e) =>
        e.Event.Kind == EventKind.Medication && e.Event.Status == "active";

    /// <summary><c>isDeviceOrderPersonalUseDevices</c>: status active or completed.</summary>
    public static bool IsDeviceOrdered(EventRecord e) =>
        e.Event.Kind == EventKind.Device && e.Event.Status is "active" or "completed";

    /// <summary><c>verified()</c>: a Condition whose verification status is absent or not refuted / entered-in-error.</summary>
    public static bool IsVerifiedCondition(EventRecord e) =>
        e.Event.Kind == EventKind.Condition && e.Event.Status is not ("entered-in-error" or "refuted");

    /// <summary><c>isDiagnosticStudyPerformed</c>: an Observation (final, amended, corrected) with category imaging;
    /// unless <see cref="MeasureOptions.QiCoreStudiesOnly"/>, also the radiology record's forms of the same study.</summary>
    public static string? StudyPerformedFailure(EventRecord e, MeasureOptions options)
    {
        var ev = e.Event;
        switch (ev.Kind)
        {
            case EventKind.Observation:
                if (!IsFinal(ev.Status))
                {
                    return "observation status is " + (ev.Status ?? "missing") + ", not final/amended/corrected";
                }

                return HasCategory(ev, "imaging") ? null : "observation has no category 'imaging'";
            case EventKind.Procedure when !options.QiCoreStudiesOnly:
                return ev.Status == "completed" ? null : "procedure status is " + (ev.Status ?? "missing") + ", not completed";
            case EventKind.DiagnosticReport when !options.QiCoreStudiesOnly:
                return IsFinal(ev.Status) ? null : "report status is " + (ev.Status ?? "missing") + ", not final/amended/corrected";
            case EventKind.ImagingStudy when !options.QiCoreStudiesOnly:
                return ev.Status == "available" ? null : "imaging study status is " + (ev.Status ?? "missing") + ", not available";
            case EventKind.Encounter:
            case EventKind.Procedure:
            case EventKind.DiagnosticReport:
            case EventKind.ImagingStudy:
            case EventKind.Condition:
            case EventKind.Medication:
            case EventKind.Device:
            default:
                return options.QiCoreStudiesOnly
                    ? ev.Kind + " is not an Observation with category imaging (QI-Core studies only)"
                    : ev.Kind + " is not a record of a performed study";
        }
    }

    public static bool IsFinal(string? status) => status is "final" or "amended" or "corrected";

    public static bool HasCategory(ClinicalEvent e, string code)
    {
        foreach (var c in e.Categories)
        {
            if (c.Code == code && c.System == ObservationCategorySystem)
            {
                return true;
            }
        }

        return false;
    }

    // --- intervals at day precision (QICoreCommon toInterval, prevalenceInterval) ----------------------------------

    /// <summary><c>X during day of [from, to]</c> for a point (the end of the event's interval).</summary>
    public static bool EndsWithin(EventRecord e, DateOnly from, DateOnly to) => e.EndDay is { } d && d >= from && d <= to;

    /// <summary>The event's whole interval lies within [from, to] (<c>period during day of</c>).</summary>
    public static bool LiesWithin(EventRecord e, DateOnly from, DateOnly to) =>
        e.StartDay is { } s && e.EndDay is { } d && s >= from && d <= to;

    /// <summary>The event's interval overlaps [from, to] (<c>overlaps day of</c>).</summary>
    public static bool Overlaps(EventRecord e, DateOnly from, DateOnly to) =>
        e.StartDay is { } s && e.EndDay is { } d && s <= to && d >= from;

    /// <summary><c>prevalenceInterval()</c> of a Condition: onset to abatement; an active (recurrence, relapse)
    /// condition without abatement is open-ended; any other without abatement ends at an unknown time, which CQL
    /// treats as certain only up to its onset.</summary>
    public static (DateOnly? Start, DateOnly? End) Prevalence(EventRecord e)
    {
        var start = e.Event.Start is { } s ? DateOnly.FromDateTime(s.DateTime) : (DateOnly?)null;
        if (e.Event.End is { } end)
        {
            return (start, DateOnly.FromDateTime(end.DateTime));
        }

        return e.Event.Status is "active" or "recurrence" or "relapse" ? (start, DateOnly.MaxValue) : (start, start);
    }

    public static bool PrevalenceOverlaps(EventRecord e, DateOnly from, DateOnly to)
    {
        var (start, end) = Prevalence(e);
        return start is { } s && end is { } d && s <= to && d >= from;
    }
}
