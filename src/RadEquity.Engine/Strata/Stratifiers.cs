using RadEquity.Engine.Facts;
using RadEquity.Engine.Measures;

namespace RadEquity.Engine.Strata;

/// <summary>
/// The standard stratifiers (ARCHITECTURE idea 4): race and ethnicity (OMB SPD 15, 2024 revision), preferred
/// language, payer, rurality (USDA ERS RUCA), area deprivation (Neighborhood Atlas ADI), age band and sex, and the
/// two-way crosses race and ethnicity by payer and language by rurality. Categories, order and sources are in
/// <c>docs/stratifiers.md</c>.
/// </summary>
public static class Stratifiers
{
    internal const string Rural = "Rural";
    internal const string Urban = "Urban";
    internal const string AdiQ5 = "ADI quintile 5 (most deprived)";
    internal const string AdiQ4 = "ADI quintile 4";
    internal const string AdiQ3 = "ADI quintile 3";
    internal const string AdiQ2 = "ADI quintile 2";
    internal const string AdiQ1 = "ADI quintile 1 (least deprived)";
    internal const string Under40 = "<40";
    internal const string Age40To49 = "40–49";
    internal const string Age50To64 = "50–64";
    internal const string Age65To74 = "65–74";
    internal const string Age75Plus = "75+";
    internal const string Female = "Female";
    internal const string Male = "Male";
    internal const string OtherSex = "Other";

    /// <summary>
    /// <c>race-ethnicity</c>: OMB SPD 15 (2024) minimum categories from US Core race and ethnicity together, one
    /// category per patient (the "combined Multiracial and/or Multiethnic" presentation), MENA split out of White,
    /// then Other race, Declined (ASKU) and Unknown.
    /// </summary>
    public static Stratifier RaceEthnicity { get; } = new("race-ethnicity", "Race and ethnicity", isOrdered: false,
        Strata.RaceEthnicity.Categories, static (p, _, _) => Strata.RaceEthnicity.Categorize(p));

    /// <summary>
    /// <c>language</c>: preferred language by primary BCP-47 subtag (English for <c>en</c>, <c>en-US</c>, ...), with
    /// "Needs interpreter" instead of the language when an interpreter is required. Open-ended: languages beyond the
    /// listed ones are returned by name, or by subtag when not in the built-in table.
    /// </summary>
    public static Stratifier Language { get; } = new("language", "Preferred language", isOrdered: false,
        PreferredLanguage.Categories, static (p, _, _) => PreferredLanguage.Categorize(p));

    /// <summary>
    /// <c>payer</c>: the category of the coverage active on the reference date (Medicaid, then Medicare, Private,
    /// Other, Uninsured/self-pay when several are); Unknown when none is active (uninsured must be recorded).
    /// </summary>
    public static Stratifier Payer { get; } = new("payer", "Payer", isOrdered: false,
        ActivePayer.Categories, static (_, c, ctx) => ActivePayer.Categorize(c, ctx.ReferenceDate));

    /// <summary><c>rurality</c>: RUCA primary code of the home ZIP, 4-10 Rural and 1-3 Urban (rural first).</summary>
    public static Stratifier Rurality { get; } = new("rurality", "Rurality", isOrdered: true,
        [Rural, Urban, Stratifier.Unknown], static (p, _, ctx) => RuralityOf(p, ctx.Areas));

    /// <summary><c>deprivation</c>: quintile of the national ADI percentile of the home ZIP, most deprived (Q5,
    /// percentiles 81-100) first.</summary>
    public static Stratifier Deprivation { get; } = new("deprivation", "Area deprivation", isOrdered: true,
        [AdiQ5, AdiQ4, AdiQ3, AdiQ2, AdiQ1, Stratifier.Unknown], static (p, _, ctx) => DeprivationOf(p, ctx.Areas));

    /// <summary><c>age-band</c>: completed years on the reference date (CQL <c>AgeInYearsAt</c>).</summary>
    public static Stratifier AgeBand { get; } = new("age-band", "Age band", isOrdered: false,
        [Under40, Age40To49, Age50To64, Age65To74, Age75Plus, Stratifier.Unknown],
        static (p, _, ctx) => AgeBandOf(p.BirthDate, ctx.ReferenceDate));

    /// <summary><c>sex</c>: administrative sex (FHIR <c>Patient.gender</c>).</summary>
    public static Stratifier Sex { get; } = new("sex", "Sex", isOrdered: false,
        [Female, Male, OtherSex, Stratifier.Unknown], static (p, _, _) => SexOf(p.Sex));

    /// <summary><c>race-ethnicity-x-payer</c>: <see cref="RaceEthnicity"/> by <see cref="Payer"/>.</summary>
    public static Stratifier RaceEthnicityByPayer { get; } = Stratifier.Cross(RaceEthnicity, Payer);

    /// <summary><c>language-x-rurality</c>: <see cref="Language"/> by <see cref="Rurality"/>.</summary>
    public static Stratifier LanguageByRurality { get; } = Stratifier.Cross(Language, Rurality);

    /// <summary>The standard set, in report order.</summary>
    public static IReadOnlyList<Stratifier> Standard { get; } = Array.AsReadOnly(
    [
        RaceEthnicity, Language, Payer, Rurality, Deprivation, AgeBand, Sex, RaceEthnicityByPayer, LanguageByRurality,
    ]);

    /// <summary>The standard stratifier with id <paramref name="id"/>, or null.</summary>
    public static Stratifier? Find(string id) =>
        Standard.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));

    private static string RuralityOf(PatientFact patient, AreaLookup areas) =>
        areas.TryGetRuca(patient.PostalCode, out var ruca) ? ruca >= 4 ? Rural : Urban : Stratifier.Unknown;

    private static string DeprivationOf(PatientFact patient, AreaLookup areas) =>
        !areas.TryGetAdiNationalPercentile(patient.PostalCode, out var p) ? Stratifier.Unknown
            : p switch
            {
                <= 20 => AdiQ1,
                <= 40 => AdiQ2,
                <= 60 => AdiQ3,
                <= 80 => AdiQ4,
                _ => AdiQ5,
            };

    internal static string AgeBandOf(DateOnly? birthDate, DateOnly date)
    {
        if (birthDate is not { } birth || birth > date)
        {
            return Stratifier.Unknown;
        }

        return Age.InYears(birth, date) switch
        {
            < 40 => Under40,
            < 50 => Age40To49,
            < 65 => Age50To64,
            < 75 => Age65To74,
            _ => Age75Plus,
        };
    }

    private static string SexOf(AdministrativeSex sex) => sex switch
    {
        AdministrativeSex.Female => Female,
        AdministrativeSex.Male => Male,
        AdministrativeSex.Other => OtherSex,
        AdministrativeSex.Unknown => Stratifier.Unknown,
        _ => Stratifier.Unknown,
    };
}
