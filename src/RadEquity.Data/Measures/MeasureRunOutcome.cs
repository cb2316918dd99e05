using RadEquity.Engine.Evaluation;
using RadEquity.Engine.Measures;

namespace RadEquity.Data.Measures;

/// <summary>One patient's result for one measure, as a measure run stores it: the patient is (source, patient id).</summary>
/// <param name="Source">The data source of the patient.</param>
/// <param name="PatientId">The FHIR Patient id.</param>
/// <param name="MeasureId">The measure.</param>
/// <param name="Result">Populations, gap, due date, method and days to resolution.</param>
public readonly record struct MeasureRunOutcome(string Source, string PatientId, string MeasureId, MeasureResult Result)
{
    /// <summary>The results of patients who all come from <paramref name="source"/> (e.g. an evaluation of a load
    /// selected by source).</summary>
    public static IEnumerable<MeasureRunOutcome> ForSource(string source, IEnumerable<PatientResult> results)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(results);
        return results.Select(r => new MeasureRunOutcome(source, r.PatientId, r.MeasureId, r.Result));
    }

    /// <summary>
    /// The results of an evaluation of <paramref name="patients"/>, each attributed to the source of the patient with
    /// its id. <see cref="PatientResult"/> carries no source, so a result whose id belongs to patients of two sources
    /// cannot be attributed: enumerating it throws (and a save consuming it fails and writes nothing). Evaluate such a
    /// store source by source (<see cref="PatientSelection"/>) and use <see cref="ForSource"/>.
    /// </summary>
    /// <exception cref="ArgumentException">On enumeration: a result's patient id is in several sources, or in none.</exception>
    public static IEnumerable<MeasureRunOutcome> FromResults(IReadOnlyList<PatientRecord> patients, IEnumerable<PatientResult> results)
    {
        ArgumentNullException.ThrowIfNull(patients);
        ArgumentNullException.ThrowIfNull(results);
        // A null value marks an id found in more than one source.
        var sourceById = new Dictionary<string, string?>(patients.Count, StringComparer.Ordinal);
        foreach (var patient in patients)
        {
            if (sourceById.TryGetValue(patient.PatientId, out var known) && !string.Equals(known, patient.Source, StringComparison.Ordinal))
            {
                sourceById[patient.PatientId] = null;
            }
            else
            {
                sourceById[patient.PatientId] = patient.Source;
            }
        }

        return Attribute(sourceById, results);
    }

    private static IEnumerable<MeasureRunOutcome> Attribute(Dictionary<string, string?> sourceById, IEnumerable<PatientResult> results)
    {
        foreach (var result in results)
        {
            if (!sourceById.TryGetValue(result.PatientId, out var source))
            {
                throw new ArgumentException($"The result of patient '{result.PatientId}' has no patient among those evaluated.", nameof(results));
            }

            yield return source is null
                ? throw new ArgumentException(
                    $"Patient id '{result.PatientId}' is in several sources, so its result cannot be attributed; evaluate source by source.",
                    nameof(results))
                : new MeasureRunOutcome(source, result.PatientId, result.MeasureId, result.Result);
        }
    }
}
