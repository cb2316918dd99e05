using RadEquity.Data;
using RadEquity.Data.Measures;
using RadEquity.Data.Model;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Terminology;

namespace RadEquity.Web.Features.Dashboard.Patients;

/// <summary>What the patient pages share: the default value sets and measures, compiled once, and the run a page
/// shows.</summary>
internal static class PatientEvidence
{
    private static readonly Lazy<CodeIndex> Compiled = new(() => CodeIndex.Compile(ValueSetCatalog.LoadDefault().All));
    private static readonly Lazy<IReadOnlyList<Measure>> Standard = new(() => MeasureSet.Standard(Compiled.Value, Options));

    /// <summary>The options of the measures (the defaults, as the demo and CLI runs use).</summary>
    public static MeasureOptions Options { get; } = new();

    /// <summary>The compiled default value sets (runs made with other value sets are explained with these: the page says which).</summary>
    public static CodeIndex Codes => Compiled.Value;

    /// <summary>The standard measure with this id, or null.</summary>
    public static Measure? Find(string measureId) => Standard.Value.FirstOrDefault(m => m.Id == measureId);

    /// <summary>The measures of <paramref name="run"/>, in report order (as <see cref="CompletedRun.Measures"/>, without
    /// compiling the value sets again).</summary>
    public static IReadOnlyList<Measure> MeasuresOf(MeasureRun run) =>
        Standard.Value.Where(m => run.Definition.MeasureIds.Contains(m.Id)).ToList();

    /// <summary>The completed run <paramref name="runId"/> (the latest completed one when null), or why there is none.</summary>
    public static async Task<(MeasureRun? Run, string? Problem)> ReadRunAsync(StoreTarget store, TimeProvider time, long? runId,
        CancellationToken cancellationToken)
    {
        var runs = new MeasureRunStore(store, time);
        var run = runId is { } id ? await runs.ReadRunAsync(id, cancellationToken) : await runs.LatestCompletedRunAsync(cancellationToken);
        // Not an error on a new install: the page says so.
        return run is { Status: MeasureRunStatus.Completed }
            ? (run, null)
            : (null, runId is null ? "No measure run has completed yet." : "That measure run did not complete.");
    }
}
