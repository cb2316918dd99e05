namespace RadEquity.Engine.Measures;

/// <summary>
/// A measure: a pure function from one patient's facts and a <see cref="MeasureContext"/> to a
/// <see cref="MeasureResult"/> (ARCHITECTURE idea 2). No I/O, no clock. Instances hold the value-set masks compiled
/// from one <see cref="Terminology.CodeIndex"/> and are immutable and thread-safe.
/// </summary>
public abstract class Measure
{
    /// <summary>Stable id used in files, URLs and the database (e.g. <c>cms125</c>).</summary>
    public abstract string Id { get; }

    /// <summary>Title.</summary>
    public abstract string Title { get; }

    /// <summary>The specification version implemented (e.g. <c>0.4.000</c> for the 2026 eCQM).</summary>
    public abstract string Version { get; }

    /// <summary>The specification this implements, cited.</summary>
    public abstract string Specification { get; }

    /// <summary>What the care gap asks for, in plain language (e.g. "screening mammogram").</summary>
    public abstract string GapAction { get; }

    /// <summary>Who the measure counts, in plain language ("women", "patients"), for findings.</summary>
    public virtual string PopulationNoun => "patients";

    /// <summary>Whether the measure follows an index result (follow-up completion) rather than screening.</summary>
    public virtual bool IsFollowUp => false;

    /// <summary>The numerator method counted separately, when the measure reports one (CT colonography for CMS130).</summary>
    public virtual string? ReportedMethod => null;

    /// <summary>Evaluates the patient: populations, gap status and due date, without evidence.</summary>
    public MeasureResult Evaluate(PatientRecord patient, MeasureContext context)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(context);
        return Evaluate(patient, context, null);
    }

    /// <summary>Evaluates the patient and records every criterion's facts: "why is this patient in the numerator,
    /// excluded, or not screened?".</summary>
    public MeasureOutcome Explain(PatientRecord patient, MeasureContext context)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(context);
        var log = new List<Evidence>();
        var result = Evaluate(patient, context, log);
        CareGap? gap = result.Gap == GapStatus.None ? null : new CareGap(result.Gap, result.DueDate, GapAction, Why(result, context));
        return new MeasureOutcome(Id, patient.PatientId, result, gap, log);
    }

    /// <summary>The evaluation; appends evidence to <paramref name="log"/> when it is not null.</summary>
    protected internal abstract MeasureResult Evaluate(PatientRecord patient, MeasureContext context, List<Evidence>? log);

    private string Why(MeasureResult result, MeasureContext context) => result.Gap switch
    {
        GapStatus.Open => $"No qualifying {GapAction} was found; it was due by {Format(result.DueDate)} and is overdue as of {Format(context.AsOf)}.",
        GapStatus.Prospective when result.InNumerator => $"Up to date, but the next {GapAction} falls due on {Format(result.DueDate)}.",
        GapStatus.Prospective => $"The {GapAction} is due by {Format(result.DueDate)}, which is still ahead on {Format(context.AsOf)}.",
        GapStatus.Closed => $"Met ({result.Method}); the next {GapAction} falls due on {Format(result.DueDate)}.",
        GapStatus.None => string.Empty,
        _ => string.Empty,
    };

    private static string Format(DateOnly? day) =>
        day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "an unknown date";
}
