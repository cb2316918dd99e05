using RadEquity.Engine.Terminology;
using static RadEquity.Engine.Measures.Criteria;

namespace RadEquity.Engine.Measures;

/// <summary>
/// Colorectal Cancer Screening, eCQM CMS130FHIR v0.4.000 (2026 performance period; QI-Core 6.0.0): adults 46–75 at the
/// end of the period with a qualifying visit; numerator FOBT/FIT in the period, sDNA-FIT in the period or the two years
/// before, flexible sigmoidoscopy or CT colonography in the period or the four years before, colonoscopy in the period
/// or the nine years before; exclusions hospice, colorectal cancer, total colectomy, age 66+ with frailty and advanced
/// illness or dementia medication, age 66+ in long-term nursing-home care, palliative care. The CT-colonography share
/// is reported separately (<see cref="ReportedMethod"/>).
/// </summary>
public sealed class ColorectalCancerScreening : Measure
{
    /// <summary>The method name for CT colonography.</summary>
    public const string CtColonographyMethod = "ct-colonography";

    private readonly EcqmLibraries _libraries;
    private readonly ValueSetMask _fobt;
    private readonly ValueSetMask _sdna;
    private readonly ValueSetMask _sigmoidoscopy;
    private readonly ValueSetMask _colonography;
    private readonly ValueSetMask _colonoscopy;
    private readonly ValueSetMask _cancer;
    private readonly ValueSetMask _colectomy;

    /// <summary>Compiles the measure's value sets from <paramref name="codes"/>.</summary>
    public ColorectalCancerScreening(CodeIndex codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        _libraries = new EcqmLibraries(codes);
        _fobt = codes.MaskOf(ValueSetUrls.FecalOccultBloodTest);
        _sdna = codes.MaskOf(ValueSetUrls.StoolDnaFitTest);
        _sigmoidoscopy = codes.MaskOf(ValueSetUrls.FlexibleSigmoidoscopy);
        _colonography = codes.MaskOf(ValueSetUrls.CtColonography);
        _colonoscopy = codes.MaskOf(ValueSetUrls.Colonoscopy);
        _cancer = codes.MaskOf(ValueSetUrls.MalignantNeoplasmOfColon);
        _colectomy = codes.MaskOf(ValueSetUrls.TotalColectomy);
    }

    /// <inheritdoc />
    public override string Id => "cms130";

    /// <inheritdoc />
    public override string Title => "Colorectal Cancer Screening (CMS130)";

    /// <inheritdoc />
    public override string Version => "0.4.000";

    /// <inheritdoc />
    public override string Specification => "eCQM CMS130FHIR Colorectal Cancer Screening 0.4.000 (2026 performance period), QI-Core 6.0.0";

    /// <inheritdoc />
    public override string GapAction => "colorectal cancer screening";

    /// <inheritdoc />
    public override string? ReportedMethod => CtColonographyMethod;

    /// <inheritdoc />
    protected internal override MeasureResult Evaluate(PatientRecord patient, MeasureContext context, List<Evidence>? log)
    {
        var mp = context.Period;
        var age = patient.AgeAt(mp.End);
        log?.Add(new Evidence("Initial population: aged 46-75 at the end of the period",
            age is >= 46 and <= 75 ? EvidenceRole.Satisfied : EvidenceRole.NotSatisfied, "Patient/" + patient.PatientId, mp.End,
            "age " + (age?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown")));
        if (age is not (>= 46 and <= 75) || !_libraries.HasQualifyingEncounter(patient, mp, log))
        {
            return MeasureResult.NotApplicable;
        }

        if (_libraries.HasHospiceServices(patient, mp, log)
            || Exists(patient, _cancer, mp.End, static (e, end) =>
                !IsVerifiedCondition(e) ? "not a verified condition"
                : Prevalence(e).Start is not { } s || s > end ? "condition does not start on or before the end of the period"
                : null, log, "Exclusion: malignant neoplasm of colon")
            || Exists(patient, _colectomy, mp.End, static (e, end) =>
                !IsProcedurePerformed(e) ? "not a completed procedure"
                : e.EndDay is not { } d || d > end ? "procedure does not end on or before the end of the period"
                : null, log, "Exclusion: total colectomy")
            || _libraries.IsFrailWithAdvancedIllness(patient, mp, log)
            || _libraries.LivesInNursingHome(patient, mp, log)
            || _libraries.HasPalliativeCare(patient, mp, log))
        {
            return new MeasureResult(true, true, true, false, GapStatus.None, null, null, null);
        }

        // Each test, its look-back (whole calendar years before the period) and its repeat interval.
        string? method = null;
        var byColonography = false;
        DateOnly? nextDue = null;
        Consider(Find(patient, _fobt, context, static (e, c) => LabFailure(e, c, 0), log, "Numerator: FOBT/FIT in the period"),
            "fobt", 1);
        Consider(Find(patient, _sdna, context, static (e, c) => LabFailure(e, c, 2), log, "Numerator: sDNA-FIT in the period or 2 years before"),
            "sdna-fit", 3);
        Consider(Find(patient, _sigmoidoscopy, context, static (e, c) => ProcedureFailure(e, c, 4), log,
            "Numerator: flexible sigmoidoscopy in the period or 4 years before"), "flexible-sigmoidoscopy", 5);
        Consider(Find(patient, _colonography, context, static (e, c) =>
                StudyPerformedFailure(e, c.Options).Or(WindowFailure(e.EndDay, c, 4)), log,
            "Numerator: CT colonography in the period or 4 years before"), CtColonographyMethod, 5);
        Consider(Find(patient, _colonoscopy, context, static (e, c) => ProcedureFailure(e, c, 9), log,
            "Numerator: colonoscopy in the period or 9 years before"), "colonoscopy", 10);

        if (method is not null)
        {
            return Screening.Met(context, nextDue!.Value, method) with { MetByReportedMethod = byColonography };
        }

        return Screening.NotMet(context, mp.Start);

        void Consider(EventRecord? found, string name, int years)
        {
            if (found?.LatestDay is not { } day)
            {
                return;
            }

            var due = day.AddYears(years);
            if (nextDue is null || due > nextDue)
            {
                nextDue = due;
                method = name;
            }

            byColonography |= name == CtColonographyMethod;
        }
    }

    private static Failure WindowFailure(DateOnly? day, MeasureContext c, int yearsBefore)
    {
        var from = c.Period.Start.AddYears(-yearsBefore);
        return day is not { } d ? "undated"
            : d < from ? Failure.At("before the window start ", from)
            : d > c.LastCountedDay ? "after the end of the window"
            : default;
    }

    /// <summary><c>isLaboratoryTestPerformed</c>, a value present, and <c>effective.latest()</c> in the window.</summary>
    private static Failure LabFailure(EventRecord e, MeasureContext c, int yearsBefore) =>
        !IsFinalObservation(e) ? "not a final/amended/corrected laboratory result"
        : !e.HasValue ? "the result has no value"
        : WindowFailure(e.LatestDay, c, yearsBefore);

    private static Failure ProcedureFailure(EventRecord e, MeasureContext c, int yearsBefore) =>
        !IsProcedurePerformed(e) ? "not a completed procedure" : WindowFailure(e.EndDay, c, yearsBefore);
}
