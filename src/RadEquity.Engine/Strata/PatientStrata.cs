using RadEquity.Engine.Facts;

namespace RadEquity.Engine.Strata;

/// <summary>
/// What the standard stratifiers and the completeness counts read from one patient, read in one pass: the
/// evaluator reads each patient's demographics, coverage and ZIP once, however many stratifiers use them.
/// </summary>
/// <param name="RaceEthnicity">Position in <see cref="Strata.RaceEthnicity.Categories"/>.</param>
/// <param name="RaceStatus">Whether race was reported.</param>
/// <param name="EthnicityStatus">Whether ethnicity was reported.</param>
/// <param name="Language">Position in <see cref="PreferredLanguage.Categories"/>, or -1 for another language.</param>
/// <param name="HasLanguage">A usable preferred language is recorded (<see cref="PreferredLanguage.HasLanguage"/>).</param>
/// <param name="Payer">The active payer category (<see cref="ActivePayer.CategoryAt"/>), null when none is active.</param>
/// <param name="HasZip">The postal code is a US ZIP code.</param>
/// <param name="Ruca">The ZIP's RUCA primary code, 0 when it has none.</param>
/// <param name="Adi">The ZIP's national ADI percentile, 0 when it has none.</param>
/// <param name="AgeBand">Position in the age bands of <see cref="Stratifiers.AgeBand"/>.</param>
/// <param name="Sex">Position in the categories of <see cref="Stratifiers.Sex"/>.</param>
internal readonly record struct PatientStrata(
    int RaceEthnicity,
    ReportStatus RaceStatus,
    ReportStatus EthnicityStatus,
    int Language,
    bool HasLanguage,
    PayerCategory? Payer,
    bool HasZip,
    int Ruca,
    int Adi,
    int AgeBand,
    int Sex)
{
    /// <summary>Reads <paramref name="patient"/> at <paramref name="context"/>'s reference date.</summary>
    public static PatientStrata Read(PatientFact patient, IReadOnlyList<CoverageFact> coverages, StratificationContext context)
    {
        var race = Strata.RaceEthnicity.IndexOf(patient, out var raceStatus, out var ethnicityStatus);
        var language = PreferredLanguage.IndexOf(patient.NeedsInterpreter, patient.LanguageCode, out var hasLanguage);
        var hasZip = AreaLookup.TryParseZip(patient.PostalCode, out var zip);
        return new PatientStrata(
            race,
            raceStatus,
            ethnicityStatus,
            language,
            hasLanguage,
            ActivePayer.CategoryAt(coverages, context.ReferenceDate),
            hasZip,
            hasZip ? context.Areas.RucaAt(zip) : 0,
            hasZip ? context.Areas.AdiAt(zip) : 0,
            Stratifiers.AgeBandIndex(patient.BirthDate, context.ReferenceDate),
            Stratifiers.SexIndex(patient.Sex));
    }
}
