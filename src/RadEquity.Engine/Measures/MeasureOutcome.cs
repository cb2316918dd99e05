namespace RadEquity.Engine.Measures;

/// <summary>
/// Care-gap status, as the Da Vinci DEQM Gaps in Care profile defines it (<c>open-gap</c>, <c>closed-gap</c>,
/// <c>prospective-gap</c>); <see cref="None"/> for patients the measure does not apply to (not in the denominator, or
/// excluded).
/// </summary>
public enum GapStatus
{
    /// <summary>The measure does not apply: no gap.</summary>
    None,
    /// <summary>Due and not done: the due date has passed.</summary>
    Open,
    /// <summary>Done: the numerator is met and stays met through the end of the period.</summary>
    Closed,
    /// <summary>Not yet due: the care will be needed by a date still ahead (a due date within the period, or a
    /// follow-up window still running on the as-of date).</summary>
    Prospective,
}

/// <summary>
/// One patient's populations for one measure: the counting core of an outcome, allocation-free.
/// </summary>
/// <param name="InInitialPopulation">In the initial population.</param>
/// <param name="InDenominator">In the denominator.</param>
/// <param name="IsExcluded">A denominator exclusion applies (excluded patients leave the performance rate).</param>
/// <param name="InNumerator">The numerator is met (never true for excluded patients).</param>
/// <param name="Gap">The care-gap status as of the as-of date.</param>
/// <param name="DueDate">When the care is or was due (for open and prospective gaps), or when it next falls due (closed).</param>
/// <param name="Method">The numerator path that met it (e.g. <c>colonoscopy</c>, <c>ct-colonography</c>), when met.</param>
/// <param name="DaysToResolution">For follow-up measures: days from the index result to its resolution, when resolved.</param>
/// <param name="MetByReportedMethod">The numerator was met (also) by the measure's <see cref="Measure.ReportedMethod"/>.</param>
public readonly record struct MeasureResult(
    bool InInitialPopulation,
    bool InDenominator,
    bool IsExcluded,
    bool InNumerator,
    GapStatus Gap,
    DateOnly? DueDate,
    string? Method,
    int? DaysToResolution,
    bool MetByReportedMethod = false)
{
    /// <summary>Not in the initial population.</summary>
    public static MeasureResult NotApplicable => default;
}

/// <summary>How a fact bore on a criterion.</summary>
public enum EvidenceRole
{
    /// <summary>The fact satisfied the criterion.</summary>
    Satisfied,
    /// <summary>The fact was considered and did not satisfy it (wrong status, date outside the window, ...).</summary>
    NotSatisfied,
    /// <summary>A criterion with no fact behind it (e.g. age, or "no qualifying fact found").</summary>
    Absent,
}

/// <summary>
/// One line of "why": which criterion, which fact (resource), and what about it.
/// </summary>
/// <param name="Criterion">The criterion, named as in the measure definition (e.g. <c>Numerator: mammogram</c>).</param>
/// <param name="Role">How the fact bore on the criterion.</param>
/// <param name="Resource">The FHIR reference <c>Type/id</c> of the fact, when there is one.</param>
/// <param name="Date">The fact's relevant date, when there is one.</param>
/// <param name="Detail">Plain-language detail (value set, status, window).</param>
public sealed record Evidence(string Criterion, EvidenceRole Role, string? Resource, DateOnly? Date, string Detail);

/// <summary>A care gap: what is due, since or by when, and why.</summary>
/// <param name="Status">Open, closed or prospective.</param>
/// <param name="DueDate">The due date.</param>
/// <param name="What">What is due (e.g. "screening mammogram").</param>
/// <param name="Why">Why, in plain language.</param>
public sealed record CareGap(GapStatus Status, DateOnly? DueDate, string What, string Why);

/// <summary>
/// A patient's outcome for a measure with its evidence: populations, the care gap, and every criterion's facts.
/// </summary>
/// <param name="MeasureId">The measure.</param>
/// <param name="PatientId">The FHIR Patient id.</param>
/// <param name="Result">The populations.</param>
/// <param name="Gap">The care gap, for patients in the denominator and not excluded.</param>
/// <param name="Evidence">Every criterion's facts, in evaluation order.</param>
public sealed record MeasureOutcome(string MeasureId, string PatientId, MeasureResult Result, CareGap? Gap, IReadOnlyList<Evidence> Evidence);
