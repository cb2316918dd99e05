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

    // Category lists in display order; declared before the stratifiers that use them (static initialisers run in
    // text order).
    private static readonly string[] RuralityCategories = [Rural, Urban, Stratifier.Unknown];
    private static readonly string[] DeprivationCategories = [AdiQ5, AdiQ4, AdiQ3, AdiQ2, AdiQ1, Stratifier.Unknown];
    private static readonly string[] AgeBandCategories = [Under40, Age40To49, Age50To64, Age65To74, Age75Plus, Stratifier.Unknown];
    private static readonly string[] SexCategories = [Female, Male, OtherSex, Stratifier.Unknown];

    /// <summary>
    /// <c>race-ethnicity</c>: OMB SPD 15 (2024) minimum categories from US Core race and ethnicity together, one
    /// category per patient (the "combined Multiracial and/or Multiethnic" presentation), MENA split out of White,
    /// then Other race, Declined (ASKU) and Unknown.
    /// </summary>
    public static Stratifier RaceEthnicity { get; } = new("race-ethnicity", "Race and ethnicity", isOrdered: false,
        Strata.RaceEthnicity.Categories, static (p, _, _) => Strata.RaceEthnicity.Categorize(p),
        static (in PatientStrata s) => s.RaceEthnicity);

    /// <summary>
    /// <c>language</c>: preferred language by primary BCP-47 subtag (English for <c>en</c>, <c>en-US</c>, ...), with
    /// "Needs interpreter" instead of the language when an interpreter is required. Open-ended: languages beyond the
    /// listed ones are returned by name, or by subtag when not in the built-in table.
    /// </summary>
    public static Stratifier Language { get; } = new("language", "Preferred language", isOrdered: false,
        PreferredLanguage.Categories, static (p, _, _) => PreferredLanguage.Categorize(p),
        static (in PatientStrata s) => s.Language);

    /// <summary>
    /// <c>payer</c>: the category of the coverage active on the reference date (Medicaid, then Medicare, Private,
    /// Other, Uninsured/self-pay when several are); Unknown when none is active (uninsured must be recorded).
    /// </summary>
    public static Stratifier Payer { get; } = new("payer", "Payer", isOrdered: false,
        ActivePayer.Categories, static (_, c, ctx) => ActivePayer.Categorize(c, ctx.ReferenceDate),
        static (in PatientStrata s) => ActivePayer.IndexOf(s.Payer));

    /// <summary><c>rurality</c>: RUCA primary code of the home ZIP, 4-10 Rural and 1-3 Urban (rural first).</summary>
    public static Stratifier Rurality { get; } = new("rurality", "Rurality", isOrdered: true,
        RuralityCategories,
        static (p, _, ctx) => RuralityCategories[RuralityIndex(ctx.Areas.TryGetRuca(p.PostalCode, out var r) ? r : 0)],
        static (in PatientStrata s) => RuralityIndex(s.Ruca));

    /// <summary><c>deprivation</c>: quintile of the national ADI percentile of the home ZIP, most deprived (Q5,
    /// percentiles 81-100) first.</summary>
    public static Stratifier Deprivation { get; } = new("deprivation", "Area deprivation", isOrdered: true,
        DeprivationCategories,
        static (p, _, ctx) => DeprivationCategories[DeprivationIndex(ctx.Areas.TryGetAdiNationalPercentile(p.PostalCode, out var a) ? a : 0)],
        static (in PatientStrata s) => DeprivationIndex(s.Adi));

    /// <summary><c>age-band</c>: completed years on the reference date (CQL <c>AgeInYearsAt</c>).</summary>
    public static Stratifier AgeBand { get; } = new("age-band", "Age band", isOrdered: false,
        AgeBandCategories, static (p, _, ctx) => AgeBandOf(p.BirthDate, ctx.ReferenceDate),
        static (in PatientStrata s) => s.AgeBand);

    /// <summary><c>sex</c>: administrative sex (FHIR <c>Patient.gender</c>).</summary>
    public static Stratifier Sex { get; } = new("sex", "Sex", isOrdered: false,
        SexCategories, static (p, _, _) => SexCategories[SexIndex(p.Sex)],
        static (in PatientStrata s) => s.Sex);

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

    /// <summary>The rurality category of a RUCA primary code (0 when the ZIP has none).</summary>
    private static int RuralityIndex(int ruca) => ruca == 0 ? 2 : ruca >= 4 ? 0 : 1;

    /// <summary>The deprivation category of a national ADI percentile (0 when the ZIP has none).</summary>
    private static int DeprivationIndex(int percentile) => percentile switch
    {
        0 => 5,
        <= 20 => 4,
        <= 40 => 3,
        <= 60 => 2,
        <= 80 => 1,
        _ => 0,
    };

    internal static string AgeBandOf(DateOnly? birthDate, DateOnly date) => AgeBandCategories[AgeBandIndex(birthDate, date)];

    internal static int AgeBandIndex(DateOnly? birthDate, DateOnly date)
    {
        if (birthDate is not { } birth || birth > date)
        {
            return 5;
        }

        return Age.InYears(birth, date) switch
        {
            < 40 => 0,
            < 50 => 1,
            < 65 => 2,
            < 75 => 3,
            _ => 4,
        };
    }

    internal static int SexIndex(AdministrativeSex sex) => sex switch
    {
        AdministrativeSex.Female => 0,
        AdministrativeSex.Male => 1,
        AdministrativeSex.Other => 2,
        AdministrativeSex.Unknown => 3,
        _ => 3,
    };
}
