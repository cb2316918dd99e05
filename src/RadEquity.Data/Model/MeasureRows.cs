namespace RadEquity.Data.Model;

/// <summary>
/// A row of <c>measure_runs</c>: one evaluation of the measures over the store. Its outcomes and counts count only
/// once it is <see cref="MeasureRunStatus.Completed"/> (see <see cref="Measures.MeasureRunStore"/>).
/// </summary>
public sealed class MeasureRunRow
{
    public long Id { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>Null while the run is running.</summary>
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>One of <see cref="MeasureRunStatus"/>.</summary>
    public string Status { get; set; } = MeasureRunStatus.Running;
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public DateOnly AsOf { get; set; }
    /// <summary>The measure ids, in evaluation order, a JSON array.</summary>
    public string MeasureIds { get; set; } = "[]";
    /// <summary>Where the value sets came from (defaults, or the files loaded).</summary>
    public string ValueSetSource { get; set; } = "";
    public string EngineVersion { get; set; } = "";
    /// <summary>Patients evaluated; 0 until the run completes.</summary>
    public long Patients { get; set; }
}

/// <summary>The values of <see cref="MeasureRunRow.Status"/>.</summary>
public static class MeasureRunStatus
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    /// <summary>Still <c>running</c> when a later run began: the process died or was killed.</summary>
    public const string Interrupted = "interrupted";
}

/// <summary>
/// A row of <c>measure_outcomes</c>: one patient's result for one measure in one run, for patients in the measure's
/// initial population. The patient is (source, patient_id), as in the fact tables.
/// </summary>
public sealed class MeasureOutcomeRow
{
    public long RunId { get; set; }
    public string MeasureId { get; set; } = "";
    public string Source { get; set; } = "";
    public string PatientId { get; set; } = "";
    public bool InitialPopulation { get; set; }
    public bool Denominator { get; set; }
    public bool Exclusion { get; set; }
    public bool Numerator { get; set; }
    /// <summary>The numerator was met (also) by the measure's reported method.</summary>
    public bool ReportedMethod { get; set; }
    /// <summary>The <see cref="Engine.Measures.GapStatus"/>, lower case: <c>none</c>, <c>open</c>, <c>closed</c>, <c>prospective</c>.</summary>
    public string GapStatus { get; set; } = "";
    public DateOnly? DueDate { get; set; }
    public string? Method { get; set; }
    public int? DaysToResolution { get; set; }
}

/// <summary>A row of <c>measure_counts</c>: one <see cref="Engine.Evaluation.StratumCounts"/> cell of a run.</summary>
public sealed class MeasureCountRow
{
    public long RunId { get; set; }
    public string MeasureId { get; set; } = "";
    public string StratifierId { get; set; } = "";
    public string Category { get; set; } = "";
    public long InitialPopulation { get; set; }
    public long Denominator { get; set; }
    public long Exclusions { get; set; }
    public long Numerator { get; set; }
    public long ReportedMethod { get; set; }
    public long OpenGaps { get; set; }
    public long ProspectiveGaps { get; set; }
    public long Resolved { get; set; }
    /// <summary>
    /// The days-to-resolution histogram as comma-separated <c>day:count</c> pairs of its non-zero buckets (e.g.
    /// <c>12:3,730:1</c>); empty when every bucket is zero; null for screening measures (no histogram).
    /// </summary>
    public string? ResolutionDays { get; set; }
}

/// <summary>
/// A row of <c>measure_completeness</c>: the <see cref="Engine.Strata.CompletenessCounts"/> of one data source in a run,
/// the missing and unknown demographics shown before any disparity figure.
/// </summary>
public sealed class MeasureCompletenessRow
{
    public long RunId { get; set; }
    public string Source { get; set; } = "";
    public long Patients { get; set; }
    public long RaceUnknown { get; set; }
    public long RaceDeclined { get; set; }
    public long EthnicityUnknown { get; set; }
    public long EthnicityDeclined { get; set; }
    public long LanguageMissing { get; set; }
    public long PayerMissing { get; set; }
    public long PayerUnmapped { get; set; }
    public long ZipMissing { get; set; }
    public long ZipWithoutRurality { get; set; }
    public long ZipWithoutDeprivation { get; set; }
}

/// <summary>
/// A row of <c>measure_run_patients</c>: the categories of one patient of a run (one in the initial population of at
/// least one measure) on each base stratifier, so the patients behind a stratum are found without re-reading facts.
/// Crosses are pairs of these columns.
/// </summary>
public sealed class MeasureRunPatientRow
{
    public long RunId { get; set; }
    public string Source { get; set; } = "";
    public string PatientId { get; set; } = "";
    public string RaceEthnicity { get; set; } = "";
    public string Language { get; set; } = "";
    public string Payer { get; set; } = "";
    public string Rurality { get; set; } = "";
    public string Deprivation { get; set; } = "";
    public string AgeBand { get; set; } = "";
    public string Sex { get; set; } = "";
}
