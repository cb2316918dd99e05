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

    private static readonly MeasureOptions DefaultOptions = new();

    /// <summary>A check of one event: the default <see cref="Failure"/> when it satisfies the criterion, else why not.</summary>
    public delegate Failure Check<in TState>(EventRecord e, TState state);

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
        foreach (var e in patient.EventSpan)
        {
            if (!(byValue ? e.Values : e.Codes).Overlaps(mask))
            {
                continue;
            }

            var failure = check(e, state);
            if (failure.IsFailure)
            {
                log?.Add(new Evidence(criterion, EvidenceRole.NotSatisfied, e.Reference, e.LatestDay, failure.ToString()));
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

    /// <summary>
    /// Whether <see cref="Find"/> would find an event. When evidence is kept it is <see cref="Find"/>, logging every
    /// candidate; when only counting, it stops at the first event that passes.
    /// </summary>
    public static bool Exists<TState>(PatientRecord patient, ValueSetMask mask, TState state, Check<TState> check,
        List<Evidence>? log, string criterion)
    {
        if (log is not null)
        {
            return Find(patient, mask, state, check, log, criterion) is not null;
        }

        if (!patient.CodeUnion.Overlaps(mask))
        {
            return false;
        }

        foreach (var e in patient.EventSpan)
        {
            if (e.Codes.Overlaps(mask) && !check(e, state).IsFailure)
            {
                return true;
            }
        }

        return false;
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
        e.Kind == EventKind.Encounter && e.Status.HasFlag(EventStatus.Finished);

    /// <summary><c>isProcedurePerformed</c> / <c>isInterventionPerformed</c>: status completed.</summary>
    public static bool IsProcedurePerformed(EventRecord e) =>
        e.Kind == EventKind.Procedure && e.Status.HasFlag(EventStatus.Completed);

    /// <summary><c>isAssessmentPerformed</c> / <c>isLaboratoryTestPerformed</c>: final, amended or corrected.</summary>
    public static bool IsFinalObservation(EventRecord e) =>
        e.Kind == EventKind.Observation && e.Status.HasFlag(EventStatus.Final);

    /// <summary><c>isSymptom</c>: preliminary, final, amended or corrected.</summary>
    public static bool IsSymptom(EventRecord e) =>
        e.Kind == EventKind.Observation && (e.Status & (EventStatus.Final | EventStatus.Preliminary)) != 0;

    /// <summary><c>isMedicationActive</c>: status active (intent is not kept on the fact; see docs/measures.md).</summary>
    public static bool IsMedicationActive(EventRecord e) =>
        e.Kind == EventKind.Medication && e.Status.HasFlag(EventStatus.Active);

    /// <summary><c>isDeviceOrderPersonalUseDevices</c>: status active or completed.</summary>
    public static bool IsDeviceOrdered(EventRecord e) =>
        e.Kind == EventKind.Device && (e.Status & (EventStatus.Active | EventStatus.Completed)) != 0;

    /// <summary><c>verified()</c>: a Condition whose verification status is absent or not refuted / entered-in-error.</summary>
    public static bool IsVerifiedCondition(EventRecord e) =>
        e.Kind == EventKind.Condition && !e.Status.HasFlag(EventStatus.Invalid);

    /// <summary><c>isDiagnosticStudyPerformed</c>: an Observation (final, amended, corrected) with category imaging;
    /// unless <see cref="MeasureOptions.QiCoreStudiesOnly"/>, also the radiology record's forms of the same study.</summary>
    public static Failure StudyPerformedFailure(EventRecord e, MeasureOptions options) =>
        StudyPerformedFailure(e, options.QiCoreStudiesOnly);

    /// <summary><see cref="StudyPerformedFailure(EventRecord, MeasureOptions)"/> with the default options.</summary>
    public static Failure StudyPerformedFailure(EventRecord e) => StudyPerformedFailure(e, DefaultOptions);

    private static Failure StudyPerformedFailure(EventRecord e, bool qiCoreStudiesOnly)
    {
        switch (e.Kind)
        {
            case EventKind.Observation:
                if (!e.Status.HasFlag(EventStatus.Final))
                {
                    return Failure.Status("observation status is ", e, ", not final/amended/corrected");
                }

                return e.IsImaging ? default : "observation has no category 'imaging'";
            case EventKind.Procedure when !qiCoreStudiesOnly:
                return e.Status.HasFlag(EventStatus.Completed) ? default
                    : Failure.Status("procedure status is ", e, ", not completed");
            case EventKind.DiagnosticReport when !qiCoreStudiesOnly:
                return e.Status.HasFlag(EventStatus.Final) ? default
                    : Failure.Status("report status is ", e, ", not final/amended/corrected");
            case EventKind.ImagingStudy when !qiCoreStudiesOnly:
                return e.Status.HasFlag(EventStatus.Available) ? default
                    : Failure.Status("imaging study status is ", e, ", not available");
            case EventKind.Encounter:
            case EventKind.Procedure:
            case EventKind.DiagnosticReport:
            case EventKind.ImagingStudy:
            case EventKind.Condition:
            case EventKind.Medication:
            case EventKind.Device:
            default:
                return qiCoreStudiesOnly
                    ? Failure.Of(string.Empty, KindName(e.Kind), " is not an Observation with category imaging (QI-Core studies only)")
                    : Failure.Of(string.Empty, KindName(e.Kind), " is not a record of a performed study");
        }
    }

    private static string KindName(EventKind kind) => kind switch
    {
        EventKind.Encounter => nameof(EventKind.Encounter),
        EventKind.Procedure => nameof(EventKind.Procedure),
        EventKind.ImagingStudy => nameof(EventKind.ImagingStudy),
        EventKind.DiagnosticReport => nameof(EventKind.DiagnosticReport),
        EventKind.Observation => nameof(EventKind.Observation),
        EventKind.Condition => nameof(EventKind.Condition),
        EventKind.Medication => nameof(EventKind.Medication),
        EventKind.Device => nameof(EventKind.Device),
        _ => kind.ToString(),
    };

    /// <summary>The status flags of a resource status, read once per event (the filters above compare flags).</summary>
    public static EventStatus StatusOf(string? status) => status switch
    {
        "finished" => EventStatus.Finished,
        "completed" => EventStatus.Completed,
        "final" or "amended" or "corrected" => EventStatus.Final,
        "preliminary" => EventStatus.Preliminary,
        "active" => EventStatus.Active | EventStatus.Ongoing,
        "available" => EventStatus.Available,
        "entered-in-error" or "refuted" => EventStatus.Invalid,
        "recurrence" or "relapse" => EventStatus.Ongoing,
        _ => EventStatus.None,
    };

    public static bool HasCategory(ClinicalEvent e, string code)
    {
        var categories = e.Categories;
        for (var i = 0; i < categories.Count; i++)
        {
            if (categories[i].Code == code && categories[i].System == ObservationCategorySystem)
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
    public static (DateOnly? Start, DateOnly? End) Prevalence(EventRecord e) =>
        (e.StartDay, e.HasEnd ? e.EndDay : e.Status.HasFlag(EventStatus.Ongoing) ? DateOnly.MaxValue : e.StartDay);

    public static bool PrevalenceOverlaps(EventRecord e, DateOnly from, DateOnly to)
    {
        var (start, end) = Prevalence(e);
        return start is { } s && end is { } d && s <= to && d >= from;
    }
}
