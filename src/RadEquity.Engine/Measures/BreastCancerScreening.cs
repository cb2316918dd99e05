using RadEquity.Engine.Facts;
using RadEquity.Engine.Terminology;
using static RadEquity.Engine.Measures.Criteria;

namespace RadEquity.Engine.Measures;

/// <summary>
/// Breast Cancer Screening, eCQM CMS125FHIR v0.4.000 (2026 performance period; QI-Core 6.0.0): women 42–74 at the end
/// of the period with a qualifying visit; numerator a mammogram ending between 1 October two years before the period
/// and the period's end; exclusions hospice, bilateral (or left plus right) mastectomy, age 66+ with frailty and
/// advanced illness or dementia medication, age 66+ in long-term nursing-home care, palliative care.
/// </summary>
public sealed class BreastCancerScreening : Measure
{
    private const string LeftQualifier = "7771000";
    private const string RightQualifier = "24028007";

    private readonly EcqmLibraries _libraries;
    private readonly ValueSetMask _mammography;
    private readonly ValueSetMask _bilateralProcedure;
    private readonly ValueSetMask _bilateralHistory;
    private readonly ValueSetMask _leftDiagnosis;
    private readonly ValueSetMask _rightDiagnosis;
    private readonly ValueSetMask _unspecifiedDiagnosis;
    private readonly ValueSetMask _leftProcedure;
    private readonly ValueSetMask _rightProcedure;

    // Every mastectomy value set: a patient with none is answered at once when no evidence is kept.
    private readonly ValueSetMask _anyMastectomy;

    /// <summary>Compiles the measure's value sets from <paramref name="codes"/>.</summary>
    public BreastCancerScreening(CodeIndex codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        _libraries = new EcqmLibraries(codes);
        _mammography = codes.MaskOf(ValueSetUrls.Mammography);
        _bilateralProcedure = codes.MaskOf(ValueSetUrls.BilateralMastectomy);
        _bilateralHistory = codes.MaskOf(ValueSetUrls.HistoryOfBilateralMastectomy);
        _leftDiagnosis = codes.MaskOf(ValueSetUrls.StatusPostLeftMastectomy);
        _rightDiagnosis = codes.MaskOf(ValueSetUrls.StatusPostRightMastectomy);
        _unspecifiedDiagnosis = codes.MaskOf(ValueSetUrls.UnilateralMastectomyUnspecified);
        _leftProcedure = codes.MaskOf(ValueSetUrls.UnilateralMastectomyLeft);
        _rightProcedure = codes.MaskOf(ValueSetUrls.UnilateralMastectomyRight);
        _anyMastectomy = _bilateralProcedure | _bilateralHistory | _leftDiagnosis | _rightDiagnosis | _unspecifiedDiagnosis
                         | _leftProcedure | _rightProcedure;
    }

    /// <inheritdoc />
    public override string Id => "cms125";

    /// <inheritdoc />
    public override string Title => "Breast Cancer Screening (CMS125)";

    /// <inheritdoc />
    public override string Version => "0.4.000";

    /// <inheritdoc />
    public override string Specification => "eCQM CMS125FHIR Breast Cancer Screening 0.4.000 (2026 performance period), QI-Core 6.0.0";

    /// <inheritdoc />
    public override string GapAction => "screening mammogram";

    /// <inheritdoc />
    public override string PopulationNoun => "women";

    /// <summary>1 October two years before the period's start: the start of the mammogram look-back.</summary>
    public static DateOnly LookBackStart(MeasurementPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return new DateOnly(period.Start.Year - 2, 10, 1);
    }

    /// <inheritdoc />
    protected internal override MeasureResult Evaluate(PatientRecord patient, MeasureContext context, List<Evidence>? log)
    {
        var mp = context.Period;
        var age = patient.AgeAt(mp.End);
        var female = patient.Patient.Sex == AdministrativeSex.Female;
        log?.Add(new Evidence("Initial population: woman aged 42-74 at the end of the period",
            age is >= 42 and <= 74 && female ? EvidenceRole.Satisfied : EvidenceRole.NotSatisfied, "Patient/" + patient.PatientId,
            mp.End, $"age {age?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}, sex {patient.Patient.Sex}"));
        if (age is not (>= 42 and <= 74) || !female || !_libraries.HasQualifyingEncounter(patient, mp, log))
        {
            return MeasureResult.NotApplicable;
        }

        if (_libraries.HasHospiceServices(patient, mp, log) || HasMastectomyBy(patient, mp.End, log)
            || _libraries.IsFrailWithAdvancedIllness(patient, mp, log) || _libraries.LivesInNursingHome(patient, mp, log)
            || _libraries.HasPalliativeCare(patient, mp, log))
        {
            return new MeasureResult(true, true, true, false, GapStatus.None, null, null, null);
        }

        var lookBack = LookBackStart(mp);
        var mammogram = Find(patient, _mammography, (context, lookBack), static (e, s) =>
            StudyPerformedFailure(e, s.context.Options).Or(
                e.EndDay is not { } d ? "undated"
                : d < s.lookBack ? Failure.At("ended before the look-back start ", s.lookBack)
                : d > s.context.LastCountedDay ? "ended after the end of the period or the as-of date"
                : default),
            log, log is null ? string.Empty : $"Numerator: mammogram ending {Day(lookBack)} to {Day(context.LastCountedDay)}");
        if (mammogram?.EndDay is { } day)
        {
            return Screening.Met(context, day.AddYears(2), "mammography");
        }

        // Not met: the last mammogram on record, if any, dates the gap (not logged again).
        var earlier = Find(patient, _mammography, context, static (e, c) =>
            StudyPerformedFailure(e, c.Options).Or(e.EndDay is { } d && d <= c.LastCountedDay ? default : "later"), null, string.Empty);
        var due = earlier?.EndDay?.AddYears(2) ?? mp.Start;
        return Screening.NotMet(context, due);
    }

    /// <summary>Bilateral mastectomy, or right plus left, by diagnosis or procedure on or before <paramref name="end"/>.</summary>
    internal bool HasMastectomyBy(PatientRecord p, DateOnly end, List<Evidence>? log)
    {
        if (log is null && !p.CodeUnion.Overlaps(_anyMastectomy))
        {
            return false;
        }

        if (Exists(p, _bilateralHistory, end, static (e, end) => DiagnosisFailure(e, end), log,
                "Exclusion: history of bilateral mastectomy")
            || Exists(p, _bilateralProcedure, end, static (e, end) => ProcedureFailure(e, end), log,
                "Exclusion: bilateral mastectomy"))
        {
            return true;
        }

        var right = Exists(p, _rightDiagnosis, end, static (e, end) => DiagnosisFailure(e, end), log,
                        "Exclusion: right mastectomy (diagnosis)")
                    || Exists(p, _unspecifiedDiagnosis, end, static (e, end) => DiagnosisFailure(e, end).Or(SideFailure(e, RightQualifier)),
                        log, "Exclusion: right mastectomy (unspecified laterality, body site right)")
                    || Exists(p, _rightProcedure, end, static (e, end) => ProcedureFailure(e, end), log,
                        "Exclusion: right mastectomy (procedure)");
        if (!right)
        {
            return false;
        }

        return Exists(p, _leftDiagnosis, end, static (e, end) => DiagnosisFailure(e, end), log, "Exclusion: left mastectomy (diagnosis)")
               || Exists(p, _unspecifiedDiagnosis, end, static (e, end) => DiagnosisFailure(e, end).Or(SideFailure(e, LeftQualifier)),
                   log, "Exclusion: left mastectomy (unspecified laterality, body site left)")
               || Exists(p, _leftProcedure, end, static (e, end) => ProcedureFailure(e, end), log, "Exclusion: left mastectomy (procedure)");
    }

    private static Failure DiagnosisFailure(EventRecord e, DateOnly end) =>
        !IsVerifiedCondition(e) ? "not a verified condition"
        : Prevalence(e).Start is not { } s || s > end ? "condition does not start on or before the end of the period"
        : default;

    private static Failure ProcedureFailure(EventRecord e, DateOnly end) =>
        !IsProcedurePerformed(e) ? "not a completed procedure"
        : e.EndDay is not { } d || d > end ? "procedure does not end on or before the end of the period"
        : default;

    private static Failure SideFailure(EventRecord e, string side)
    {
        var sites = e.Event.BodySiteCodes;
        for (var i = 0; i < sites.Count; i++)
        {
            if (sites[i].Code == side && sites[i].System == Coding.Snomed)
            {
                return default;
            }
        }

        return side == LeftQualifier ? "body site does not name the left side" : "body site does not name the right side";
    }
}

/// <summary>Gap status for screening measures from the numerator and the next due date.</summary>
internal static class Screening
{
    /// <summary>Met: closed, or prospective when the next screening falls due within the outreach horizon.</summary>
    public static MeasureResult Met(MeasureContext context, DateOnly nextDue, string method)
    {
        var gap = nextDue <= context.ProspectiveFrom ? GapStatus.Prospective : GapStatus.Closed;
        return new MeasureResult(true, true, false, true, gap, nextDue, method, null);
    }

    /// <summary>Not met: open when the due date has passed on the as-of date, prospective when it is still ahead.</summary>
    public static MeasureResult NotMet(MeasureContext context, DateOnly due) =>
        new(true, true, false, false, due <= context.AsOf ? GapStatus.Open : GapStatus.Prospective, due, null, null);
}
