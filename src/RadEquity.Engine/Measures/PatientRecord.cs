using RadEquity.Engine.Facts;
using RadEquity.Engine.Terminology;

namespace RadEquity.Engine.Measures;

/// <summary>
/// One clinical event with its identity, its codes already classified into value sets, and its days. Create it with
/// <see cref="Create"/> or the constructor; a <c>with</c> copy that changes <see cref="Event"/> keeps the old days and flags.
/// </summary>
/// <param name="ResourceType">The FHIR resource type it came from (for evidence).</param>
/// <param name="ResourceId">The resource's id (for evidence).</param>
/// <param name="Event">The fact.</param>
/// <param name="Codes">The value sets <see cref="ClinicalEvent.Codes"/> belong to.</param>
/// <param name="Values">The value sets <see cref="ClinicalEvent.ValueCodes"/> belong to.</param>
public sealed record EventRecord(string ResourceType, string ResourceId, ClinicalEvent Event, ValueSetMask Codes, ValueSetMask Values)
{
    /// <summary>Classifies <paramref name="clinicalEvent"/> with <paramref name="index"/>.</summary>
    public static EventRecord Create(string resourceType, string resourceId, ClinicalEvent clinicalEvent, CodeIndex index)
    {
        ArgumentNullException.ThrowIfNull(clinicalEvent);
        ArgumentNullException.ThrowIfNull(index);
        return new EventRecord(resourceType, resourceId, clinicalEvent, index.Classify(clinicalEvent.Codes),
            index.Classify(clinicalEvent.ValueCodes));
    }

    /// <summary><c>Type/id</c>, as a FHIR reference.</summary>
    public string Reference => ResourceType + "/" + ResourceId;

    /// <summary>The day the event started (its own calendar date); null when it has no start (an unknown start,
    /// as FHIRHelpers reads a Period without one). Computed once: criteria compare days many times.</summary>
    public DateOnly? StartDay { get; } = Event.Start is { } s ? DateOnly.FromDateTime(s.DateTime) : null;

    /// <summary>
    /// The day the event ended. A started event without an end is open-ended (<see cref="DateOnly.MaxValue"/>), as
    /// FHIRHelpers 4.4 <c>ToInterval(Period)</c> reads a Period without an end (a closed null boundary); instants have
    /// their start as end. Null when the event has no date at all.
    /// </summary>
    public DateOnly? EndDay { get; } = Event.End is { } e ? DateOnly.FromDateTime(e.DateTime)
        : Event.Start is not null ? DateOnly.MaxValue : null;

    /// <summary>QICoreCommon <c>latest()</c>: the end when the event has one, else its start.</summary>
    public DateOnly? LatestDay { get; } = Event.End is { } e2 ? DateOnly.FromDateTime(e2.DateTime)
        : Event.Start is { } s2 ? DateOnly.FromDateTime(s2.DateTime) : null;

    // Copied or read from the event once, so that the status filters, run for every candidate event of every
    // measure, compare flags on this record instead of following the event to its strings.
    internal EventKind Kind { get; } = Event.Kind;

    internal EventStatus Status { get; } = Criteria.StatusOf(Event.Status);

    /// <summary>An Observation with category <c>imaging</c>.</summary>
    internal bool IsImaging { get; } = Event.Kind == EventKind.Observation && Criteria.HasCategory(Event, "imaging");

    /// <summary>The event has an end of its own (a condition's abatement).</summary>
    internal bool HasEnd { get; } = Event.End is not null;

    /// <summary>The event has a result: coded values or a quantity.</summary>
    internal bool HasValue { get; } = Event.ValueCodes.Count > 0 || Event.ValueQuantity is not null;

    /// <summary>The event has a numeric result.</summary>
    internal bool HasQuantity { get; } = Event.ValueQuantity is not null;
}

/// <summary>
/// Everything the measures read about one patient: demographics, coverage and classified events. Measures never
/// look across patients (ARCHITECTURE: evaluation distributes by patient).
/// </summary>
public sealed class PatientRecord
{
    // Arrays of what the lists hold (the same arrays when the lists are arrays): measures scan the events many times
    // per patient, and a span reads them without an interface call per element.
    private readonly CoverageFact[] _coverages;
    private readonly EventRecord[] _events;

    /// <summary>Creates the record.</summary>
    /// <param name="source">The data source the patient came from (for completeness by source).</param>
    /// <param name="patient">Demographics.</param>
    /// <param name="coverages">Coverage facts.</param>
    /// <param name="events">Classified clinical events, in any order.</param>
    public PatientRecord(string source, PatientFact patient, IReadOnlyList<CoverageFact> coverages, IReadOnlyList<EventRecord> events)
    {
        Source = source;
        Patient = patient ?? throw new ArgumentNullException(nameof(patient));
        Coverages = coverages ?? throw new ArgumentNullException(nameof(coverages));
        Events = events ?? throw new ArgumentNullException(nameof(events));
        _coverages = coverages as CoverageFact[] ?? [.. coverages];
        _events = events as EventRecord[] ?? [.. events];
        foreach (var e in _events)
        {
            CodeUnion |= e.Codes;
            ValueUnion |= e.Values;
        }
    }

    /// <summary>The coverages, as <see cref="Coverages"/> holds them.</summary>
    internal ReadOnlySpan<CoverageFact> CoverageSpan => _coverages;

    /// <summary>The events, as <see cref="Events"/> holds them.</summary>
    internal ReadOnlySpan<EventRecord> EventSpan => _events;

    /// <summary>Every value set any event's codes belong to: a criterion whose value sets are not in it cannot be met,
    /// so it is answered without looking at the events.</summary>
    public ValueSetMask CodeUnion { get; }

    /// <summary>Every value set any event's values belong to.</summary>
    public ValueSetMask ValueUnion { get; }

    /// <summary>The data source.</summary>
    public string Source { get; }

    /// <summary>The patient's id.</summary>
    public string PatientId => Patient.PatientId;

    /// <summary>Demographics and geography.</summary>
    public PatientFact Patient { get; }

    /// <summary>Coverages.</summary>
    public IReadOnlyList<CoverageFact> Coverages { get; }

    /// <summary>Classified events.</summary>
    public IReadOnlyList<EventRecord> Events { get; }

    /// <summary>Age in completed years on <paramref name="day"/> (CQL <c>AgeInYearsAt</c>), or null without a birth date.</summary>
    public int? AgeAt(DateOnly day) => Patient.BirthDate is { } birth ? Age.InYears(birth, day) : null;
}

/// <summary>Age arithmetic shared by measures and stratifiers.</summary>
public static class Age
{
    /// <summary>Completed calendar years from <paramref name="birth"/> to <paramref name="day"/>; a 29 February
    /// birthday is reached on 1 March in common years (as CQL date arithmetic does).</summary>
    public static int InYears(DateOnly birth, DateOnly day)
    {
        // One decomposition of each date, not one per Year, Month and Day read.
        var (dayYear, dayMonth, dayOfMonth) = day;
        var (birthYear, birthMonth, birthDay) = birth;
        var years = dayYear - birthYear;
        if (dayMonth < birthMonth || (dayMonth == birthMonth && dayOfMonth < birthDay))
        {
            years--;
        }

        return years;
    }
}
