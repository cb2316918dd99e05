using RadEquity.Engine.Facts;
using RadEquity.Engine.Strata;

namespace RadEquity.Engine.Tests.Strata;

/// <summary>Small hand-built patients and contexts for the stratifier tests.</summary>
internal static class Patients
{
    internal const string NullFlavor = "http://terminology.hl7.org/CodeSystem/v3-NullFlavor";

    internal static readonly DateOnly ReferenceDate = new(2025, 12, 31);

    internal static readonly AreaLookup Areas = AreaLookup.Load(
        new StringReader("zip,ruca\n02134,1\n01001,3\n01002,4\n04001,10\n05001,99\n"),
        new StringReader("zip,adi_national_percentile,adi_state_decile\n02134,20\n01001,21\n01002,80\n04001,81\n05001,1\n06001,100\n"));

    internal static readonly StratificationContext Context = new(ReferenceDate, Areas);

    internal static Coding Cdc(string code) => new(Coding.CdcRaceEthnicity, code);

    internal static Coding Null(string code) => new(NullFlavor, code);

    internal static PatientFact Patient(
        Coding[]? race = null,
        Coding[]? ethnicity = null,
        string? language = "en",
        bool? interpreter = null,
        string? zip = "02134",
        DateOnly? birthDate = null,
        AdministrativeSex sex = AdministrativeSex.Female) =>
        new("p1", birthDate ?? new DateOnly(1960, 6, 15), sex, null, race ?? [], ethnicity ?? [], language, interpreter, zip,
            "MA", null, null, null);

    internal static CoverageFact Coverage(PayerCategory category, DateOnly? start = null, DateOnly? end = null, string? status = "active") =>
        new("p1", category, [], status, start ?? new DateOnly(2020, 1, 1), end, null);

    internal static string Categorize(Stratifier stratifier, PatientFact patient, params CoverageFact[] coverages) =>
        stratifier.Categorize(patient, coverages, Context);
}
