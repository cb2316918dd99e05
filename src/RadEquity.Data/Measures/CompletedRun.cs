using RadEquity.Engine.Evaluation;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Terminology;

namespace RadEquity.Data.Measures;

/// <summary>A completed measure run with its counts: what reports and MeasureReports are written from.</summary>
/// <param name="Run">The run.</param>
/// <param name="Counts">Its counts and completeness.</param>
public sealed record CompletedRun(MeasureRun Run, EvaluationCounts Counts)
{
    /// <summary>The run's measures, in evaluation order (their definitions only; reports read no facts).</summary>
    public IReadOnlyList<Measure> Measures { get; } = MeasureSet.Standard(CodeIndex.Compile(ValueSetCatalog.LoadDefault().All))
        .Where(m => Run.Definition.MeasureIds.Contains(m.Id))
        .ToList();
}
