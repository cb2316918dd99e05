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
    /// <summary>The stored form of an evaluation's per-patient results (each carries its patient's source).</summary>
    public static IEnumerable<MeasureRunOutcome> FromResults(IEnumerable<PatientResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return results.Select(r => new MeasureRunOutcome(r.Source, r.PatientId, r.MeasureId, r.Result));
    }
}
