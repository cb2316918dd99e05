using RadEquity.Data.Model;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Strata;

namespace RadEquity.Data.Measures;

/// <summary>One patient of a run with its category on each of <see cref="RunStrata.Stored"/>, in that order.</summary>
/// <param name="Source">The data source.</param>
/// <param name="PatientId">The FHIR Patient id.</param>
/// <param name="Categories">The categories.</param>
public sealed record MeasureRunPatient(string Source, string PatientId, IReadOnlyList<string> Categories)
{
    /// <summary>Categorises a patient on every stored stratifier.</summary>
    public static MeasureRunPatient Of(string source, PatientFact patient, IReadOnlyList<CoverageFact> coverages, StratificationContext context)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var categories = new string[RunStrata.Stored.Count];
        for (var i = 0; i < categories.Length; i++)
        {
            categories[i] = RunStrata.Stored[i].Categorize(patient, coverages, context);
        }

        return new MeasureRunPatient(source, patient.PatientId, categories);
    }
}

/// <summary>
/// The stratifiers whose categories a run keeps per patient (<c>measure_run_patients</c>): the standard base
/// stratifiers; a standard cross is the pair of its parts' columns.
/// </summary>
public static class RunStrata
{
    /// <summary>The stored stratifiers, in column order.</summary>
    public static IReadOnlyList<Stratifier> Stored { get; } =
    [
        Stratifiers.RaceEthnicity, Stratifiers.Language, Stratifiers.Payer, Stratifiers.Rurality, Stratifiers.Deprivation,
        Stratifiers.AgeBand, Stratifiers.Sex,
    ];

    /// <summary>Whether a patient is in the stratum of <paramref name="stratifierId"/> and <paramref name="category"/>; null
    /// when the stratifier is not a standard one. A cross's "Unknown" (unknown on both parts) is both parts unknown.</summary>
    public static Func<MeasureRunPatient, bool>? Contains(string stratifierId, string category)
    {
        // Called for every open gap of a measure (178,000 for CMS130 at 1,000,000 patients) on each page: no allocation per call.
        return Columns(stratifierId, category) switch
        {
            [var only] => patient => string.Equals(patient.Categories[only.Column], only.Category, StringComparison.Ordinal),
            [var first, var second] => patient => string.Equals(patient.Categories[first.Column], first.Category, StringComparison.Ordinal)
                && string.Equals(patient.Categories[second.Column], second.Category, StringComparison.Ordinal),
            _ => null,
        };
    }

    private static IReadOnlyList<(int Column, string Category)>? Columns(string stratifierId, string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        var base_ = IndexOf(stratifierId);
        if (base_ >= 0)
        {
            return [(base_, category)];
        }

        foreach (var (cross, first, second) in Crosses)
        {
            if (!string.Equals(cross.Id, stratifierId, StringComparison.Ordinal))
            {
                continue;
            }

            if (string.Equals(category, Stratifier.Unknown, StringComparison.Ordinal))
            {
                return [(first, Stratifier.Unknown), (second, Stratifier.Unknown)];
            }

            var at = category.IndexOf(Stratifier.CrossSeparator, StringComparison.Ordinal);
            return at < 0
                ? null
                : [(first, category[..at]), (second, category[(at + Stratifier.CrossSeparator.Length)..])];
        }

        return null;
    }

    /// <summary>Writes the categories of <paramref name="patient"/> to a row.</summary>
    internal static MeasureRunPatientRow ToRow(long runId, MeasureRunPatient patient) => new()
    {
        RunId = runId,
        Source = patient.Source,
        PatientId = patient.PatientId,
        RaceEthnicity = patient.Categories[0],
        Language = patient.Categories[1],
        Payer = patient.Categories[2],
        Rurality = patient.Categories[3],
        Deprivation = patient.Categories[4],
        AgeBand = patient.Categories[5],
        Sex = patient.Categories[6],
    };

    /// <summary>Reads a row's categories back (<paramref name="shared"/> lets many patients share one string per value).</summary>
    internal static MeasureRunPatient FromRow(MeasureRunPatientRow row, Func<string, string> shared) => new(
        shared(row.Source),
        row.PatientId,
        [
            shared(row.RaceEthnicity), shared(row.Language), shared(row.Payer), shared(row.Rurality), shared(row.Deprivation),
            shared(row.AgeBand), shared(row.Sex),
        ]);

    private static readonly (Stratifier Cross, int First, int Second)[] Crosses =
    [
        (Stratifiers.RaceEthnicityByPayer, 0, 2),
        (Stratifiers.LanguageByRurality, 1, 3),
    ];

    private static int IndexOf(string stratifierId)
    {
        for (var i = 0; i < Stored.Count; i++)
        {
            if (string.Equals(Stored[i].Id, stratifierId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
