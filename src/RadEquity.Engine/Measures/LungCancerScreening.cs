using RadEquity.Engine.Terminology;
using static RadEquity.Engine.Measures.Criteria;

namespace RadEquity.Engine.Measures;

/// <summary>
/// Lung cancer screening, USPSTF 2021 (JAMA 2021;325(10):962-970, grade B): adults aged 50 to 80 at the end of the
/// period with a 20 pack-year smoking history who currently smoke or quit within the past 15 years; numerator a
/// low-dose CT in the period. Smoking history is read from the latest smoking-status, pack-years and quit-date
/// Observations on or before the end of the period. Exclusions: hospice and palliative care (a health problem that
/// substantially limits life expectancy, in the statement's words).
/// </summary>
public sealed class LungCancerScreening : Measure
{
    private readonly EcqmLibraries _libraries;
    private readonly ValueSetMask _ldct;
    private readonly ValueSetMask _smokingStatus;
    private readonly ValueSetMask _current;
    private readonly ValueSetMask _former;
    private readonly ValueSetMask _packYears;
    private readonly ValueSetMask _quitDate;

    /// <summary>Compiles the measure's value sets from <paramref name="codes"/>.</summary>
    public LungCancerScreening(CodeIndex codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        _libraries = new EcqmLibraries(codes);
        _ldct = codes.MaskOf(ValueSetUrls.LowDoseCtLungScreening);
        _smokingStatus = codes.MaskOf(ValueSetUrls.SmokingStatusObservation);
        _current = codes.MaskOf(ValueSetUrls.CurrentSmoker);
        _former = codes.MaskOf(ValueSetUrls.FormerSmoker);
        _packYears = codes.MaskOf(ValueSetUrls.PackYearsObservation);
        _quitDate = codes.MaskOf(ValueSetUrls.SmokingQuitDateObservation);
    }

    /// <inheritdoc />
    public override string Id => "lung-uspstf-2021";

    /// <inheritdoc />
    public override string Title => "Lung Cancer Screening, USPSTF 2021";

    /// <inheritdoc />
    public override string Version => "2021";

    /// <inheritdoc />
    public override string Specification => "USPSTF Recommendation Statement: Screening for Lung Cancer, JAMA 2021;325(10):962-970";

    /// <inheritdoc />
    public override string GapAction => "low-dose CT lung screening";

    /// <inheritdoc />
    protected internal override MeasureResult Evaluate(PatientRecord patient, MeasureContext context, List<Evidence>? log)
    {
        var mp = context.Period;
        var age = patient.AgeAt(mp.End);
        log?.Add(new Evidence("Initial population: aged 50-80 at the end of the period",
            age is >= 50 and <= 80 ? EvidenceRole.Satisfied : EvidenceRole.NotSatisfied, "Patient/" + patient.PatientId, mp.End,
            "age " + (age?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown")));
        if (age is not (>= 50 and <= 80) || !IsEligibleSmoker(patient, mp.End, log))
        {
            return MeasureResult.NotApplicable;
        }

        if (_libraries.HasHospiceServices(patient, mp, log) || _libraries.HasPalliativeCare(patient, mp, log))
        {
            return new MeasureResult(true, true, true, false, GapStatus.None, null, null, null);
        }

        var ct = Find(patient, _ldct, context, static (e, c) =>
            StudyPerformedFailure(e, c.Options).Or(e.EndDay is { } d && d <= c.LastCountedDay ? default : "after the as-of date"),
            log, "Numerator: low-dose CT");
        if (ct?.EndDay is { } day && day >= mp.Start)
        {
            return Screening.Met(context, day.AddYears(1), "low-dose-ct");
        }

        return Screening.NotMet(context, ct?.EndDay?.AddYears(1) is { } due && due > mp.Start ? due : mp.Start);
    }

    private bool IsEligibleSmoker(PatientRecord p, DateOnly end, List<Evidence>? log)
    {
        var status = Find(p, _smokingStatus, end, static (e, end) => ObservationFailure(e, end), log,
            "Initial population: latest smoking status");
        var packYears = Find(p, _packYears, end, static (e, end) =>
            ObservationFailure(e, end).Or(e.HasQuantity ? default : "no pack-years value"), log,
            "Initial population: latest pack-years");
        if (status is null || packYears?.Event.ValueQuantity is not >= 20m)
        {
            log?.Add(new Evidence("Initial population: at least 20 pack-years", EvidenceRole.NotSatisfied, packYears?.Reference,
                packYears?.LatestDay, packYears is null ? "no pack-years recorded" : "fewer than 20 pack-years"));
            return false;
        }

        if (status.Values.Overlaps(_current))
        {
            return true;
        }

        if (!status.Values.Overlaps(_former))
        {
            log?.Add(new Evidence("Initial population: current or former smoker", EvidenceRole.NotSatisfied, status.Reference,
                status.LatestDay, "the latest smoking status is neither current nor former"));
            return false;
        }

        var quit = Find(p, _quitDate, end, static (e, end) => ObservationFailure(e, end), log, "Initial population: quit date");
        var within = quit?.LatestDay is { } q && q > end.AddYears(-15);
        log?.Add(new Evidence("Initial population: quit within 15 years", within ? EvidenceRole.Satisfied : EvidenceRole.NotSatisfied,
            quit?.Reference, quit?.LatestDay, quit is null ? "former smoker with no quit date recorded" : "quit date " + Day(quit.LatestDay)));
        return within;
    }

    private static Failure ObservationFailure(EventRecord e, DateOnly end) =>
        !IsFinalObservation(e) ? "observation status is not final/amended/corrected"
        : e.LatestDay is not { } d || d > end ? "recorded after the end of the period"
        : default;
}
