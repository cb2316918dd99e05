using RadEquity.Engine.Measures;

namespace RadEquity.Data.Measures;

/// <summary>What a measure run evaluates, recorded with its results so they can be read back for what they are.</summary>
/// <param name="Period">The measurement period.</param>
/// <param name="AsOf">The date care gaps are computed as of.</param>
/// <param name="MeasureIds">The measures, in evaluation order.</param>
/// <param name="ValueSetSource">Where the value sets came from (defaults, or the expansions loaded).</param>
/// <param name="EngineVersion">The engine version that evaluated.</param>
public sealed record MeasureRunDefinition(
    MeasurementPeriod Period, DateOnly AsOf, IReadOnlyList<string> MeasureIds, string ValueSetSource, string EngineVersion);

/// <summary>A stored measure run.</summary>
/// <param name="Id">The run id.</param>
/// <param name="Status">One of <see cref="Model.MeasureRunStatus"/>.</param>
/// <param name="StartedAt">When it started (UTC).</param>
/// <param name="FinishedAt">When it completed or failed; null while running or when interrupted.</param>
/// <param name="Definition">What it evaluated.</param>
/// <param name="Patients">Patients evaluated (0 unless completed).</param>
public sealed record MeasureRun(
    long Id, string Status, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, MeasureRunDefinition Definition, long Patients);
