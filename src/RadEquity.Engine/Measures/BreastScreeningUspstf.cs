using RadEquity.Engine.Facts;
using RadEquity.Engine.Terminology;
using static RadEquity.Engine.Measures.Criteria;

namespace RadEquity.Engine.Measures;

/// <summary>
/// Breast cancer screening as the USPSTF 2024 recommendation states it (biennial screening mammography for women
/// aged 40 to 74; grade B): women 40–74 on the as-of date, a mammogram within the two years before it, no visit
/// requirement. Exclusions kept from CMS125: bilateral (or left plus right) mastectomy, hospice, palliative care.
/// Outreach works from this variant, because it asks "who is due now", not "who counted last year".
/// </summary>
public sealed class BreastScreeningUspstf : Measure
{
    private readonly EcqmLibraries _libraries;
    private readonly BreastCancerScreening _ecqm;
    private readonly ValueSetMask _mammography;

    /// <summary>Compiles the measure's value sets from <paramref name="codes"/>.</summary>
    public BreastScreeningUspstf(CodeIndex codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        _libraries = new EcqmLibraries(codes);
        _ecqm = new BreastCancerScreening(codes);
        _mammography = codes.MaskOf(ValueSetUrls.Mammography);
    }

    /// <inheritdoc />
    public override string Id => "breast-uspstf-2024";

    /// <inheritdoc />
    public override string Title => "Breast Cancer Screening, USPSTF 2024 (ages 40-74, biennial)";

    /// <inheritdoc />
    public override string Version => "2024";

    /// <inheritdoc />
    public override string Specification => "USPSTF Recommendation Statement: Screening for Breast Cancer, JAMA 2024;331(22):1918-1930";

    /// <inheritdoc />
    public override string GapAction => "screening mammogram";

    /// <inheritdoc />
    public override string PopulationNoun => "women";

    /// <inheritdoc />
    protected internal override MeasureResult Evaluate(PatientRecord patient, MeasureContext context, List<Evidence>? log)
    {
        var asOf = context.AsOf;
        var age = patient.AgeAt(asOf);
        var female = patient.Patient.Sex == AdministrativeSex.Female;
        log?.Add(new Evidence("Initial population: woman aged 40-74 on the as-of date",
            age is >= 40 and <= 74 && female ? EvidenceRole.Satisfied : EvidenceRole.NotSatisfied, "Patient/" + patient.PatientId,
            asOf, $"age {age?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}, sex {patient.Patient.Sex}"));
        if (age is not (>= 40 and <= 74) || !female)
        {
            return MeasureResult.NotApplicable;
        }

        var lastYear = context.YearToAsOf;
        if (_ecqm.HasMastectomyBy(patient, asOf, log) || _libraries.HasHospiceServices(patient, lastYear, log)
            || _libraries.HasPalliativeCare(patient, lastYear, log))
        {
            return new MeasureResult(true, true, true, false, GapStatus.None, null, null, null);
        }

        var mammogram = Find(patient, _mammography, context, static (e, c) =>
            StudyPerformedFailure(e, c.Options).Or(e.EndDay is { } d && d <= c.AsOf ? default : "after the as-of date"),
            log, "Numerator: mammogram in the two years before the as-of date");
        if (mammogram?.EndDay is { } day && day > asOf.AddYears(-2))
        {
            return Screening.Met(context, day.AddYears(2), "mammography");
        }

        // Never screened: due at 40 (or now, for women first seen older).
        var due = mammogram?.EndDay?.AddYears(2)
                  ?? (patient.Patient.BirthDate is { } birth ? birth.AddYears(40) : asOf);
        return Screening.NotMet(context, due);
    }
}
