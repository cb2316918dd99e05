using Microsoft.EntityFrameworkCore;
using RadEquity.Data.Model;
using RadEquity.Engine.Evaluation;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Strata;

namespace RadEquity.Data.Measures;

/// <summary>The reading side of <see cref="MeasureRunStore"/>: completed runs, their counts and their patients.</summary>
public sealed partial class MeasureRunStore
{
    /// <summary>The most recently started run that completed, or null.</summary>
    public async Task<MeasureRun?> LatestCompletedRunAsync(CancellationToken cancellationToken)
    {
        await using var db = store.CreateDbContext();
        var row = await db.MeasureRuns.AsNoTracking()
            .Where(r => r.Status == MeasureRunStatus.Completed)
            .OrderByDescending(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToRun(row);
    }

    /// <summary>
    /// For each measurement period with a completed run, the most recently started completed run of that period,
    /// oldest period first (the trend of a measure reads one run per period).
    /// </summary>
    public async Task<IReadOnlyList<MeasureRun>> LatestCompletedRunPerPeriodAsync(CancellationToken cancellationToken)
    {
        await using var db = store.CreateDbContext();
        var latest = db.MeasureRuns
            .Where(r => r.Status == MeasureRunStatus.Completed)
            .GroupBy(r => new { r.PeriodStart, r.PeriodEnd })
            .Select(g => g.Max(r => r.Id));
        var rows = await db.MeasureRuns.AsNoTracking()
            .Where(r => latest.Contains(r.Id))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.OrderBy(r => r.PeriodStart).ThenBy(r => r.PeriodEnd).Select(ToRun).ToList();
    }

    /// <summary>The run <paramref name="runId"/>, or the latest completed run when it is null, with its counts; null
    /// when there is no such completed run.</summary>
    public async Task<CompletedRun?> ReadCompletedAsync(long? runId, CancellationToken cancellationToken)
    {
        var run = runId is { } id
            ? await ReadRunAsync(id, cancellationToken).ConfigureAwait(false)
            : await LatestCompletedRunAsync(cancellationToken).ConfigureAwait(false);
        if (run is null || run.Status != MeasureRunStatus.Completed)
        {
            return null;
        }

        var counts = await ReadCountsAsync(run.Id, cancellationToken).ConfigureAwait(false);
        return counts is null ? null : new CompletedRun(run, counts);
    }

    /// <summary>One run by id, in any status, or null.</summary>
    public async Task<MeasureRun?> ReadRunAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = store.CreateDbContext();
        var row = await db.MeasureRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToRun(row);
    }

    /// <summary>The counts of a completed run; null when the run does not exist or did not complete.</summary>
    public async Task<EvaluationCounts?> ReadCountsAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = store.CreateDbContext();
        var run = await db.MeasureRuns.AsNoTracking()
            .Where(r => r.Id == runId && r.Status == MeasureRunStatus.Completed)
            .Select(r => new { r.Patients })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            return null;
        }

        var rows = await db.MeasureCounts.AsNoTracking().Where(c => c.RunId == runId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var completeness = await db.MeasureCompleteness.AsNoTracking().Where(c => c.RunId == runId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return EvaluationCounts.FromCells(
            rows.Select(c => KeyValuePair.Create(
                new StratumKey(c.MeasureId, c.StratifierId, c.Category),
                StratumCounts.FromValues(
                    c.InitialPopulation, c.Denominator, c.Exclusions, c.Numerator, c.ReportedMethod, c.OpenGaps, c.ProspectiveGaps,
                    StoredMeasureText.ParseResolutionDays(c.ResolutionDays)))),
            run.Patients,
            CompletenessReport.Create(completeness.Select(c => KeyValuePair.Create(c.Source, new CompletenessCounts(
                c.Patients, c.RaceUnknown, c.RaceDeclined, c.EthnicityUnknown, c.EthnicityDeclined, c.LanguageMissing, c.PayerMissing,
                c.PayerUnmapped, c.ZipMissing, c.ZipWithoutRurality, c.ZipWithoutDeprivation)))));
    }

    /// <summary>A patient's outcomes in a completed run (every source with that patient id), ordered by source then
    /// measure id; empty when the run did not complete.</summary>
    public async Task<IReadOnlyList<MeasureRunOutcome>> ReadOutcomesAsync(long runId, string patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        await using var db = store.CreateDbContext();
        var rows = await db.MeasureOutcomes.AsNoTracking()
            .Where(o => o.RunId == runId && o.PatientId == patientId)
            .Where(o => db.MeasureRuns.Any(r => r.Id == runId && r.Status == MeasureRunStatus.Completed))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows
            .OrderBy(o => o.Source, StringComparer.Ordinal)
            .ThenBy(o => o.MeasureId, StringComparer.Ordinal)
            .Select(o => new MeasureRunOutcome(o.Source, o.PatientId, o.MeasureId, new MeasureResult(
                o.InitialPopulation, o.Denominator, o.Exclusion, o.Numerator, StoredMeasureText.ParseGapStatus(o.GapStatus), o.DueDate,
                o.Method, o.DaysToResolution, o.ReportedMethod)))
            .ToList();
    }

    /// <summary>
    /// The patients of one stratum of a completed run who are in <paramref name="measureId"/>'s denominator, not
    /// excluded and not in its numerator (not screened, or not followed up), earliest due date first, one page at a
    /// time; null when <paramref name="stratifierId"/> is not a stored one (<see cref="RunStrata"/>).
    /// </summary>
    public async Task<CellPatients?> ReadCellPatientsAsync(long runId, string measureId, string stratifierId, string category, int offset,
        int limit, CancellationToken cancellationToken) =>
        await ReadCellPatientsAsync(runId, measureId, await ReadGapPatientsAsync(runId, measureId, cancellationToken).ConfigureAwait(false),
            stratifierId, category, offset, limit, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The same page from <paramref name="gaps"/>, the measure's open gaps already read (<see cref="ReadGapPatientsAsync"/>;
    /// the dashboard keeps them per run): a stratum is a filter of that list, and only the page's outcomes are read.
    /// </summary>
    public async Task<CellPatients?> ReadCellPatientsAsync(long runId, string measureId, IReadOnlyList<MeasureRunPatient> gaps,
        string stratifierId, string category, long offset, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gaps);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (RunStrata.Contains(stratifierId, category) is not { } inStratum)
        {
            return null;
        }

        var total = 0L;
        var page = new List<MeasureRunPatient>(limit);
        foreach (var patient in gaps)
        {
            if (inStratum(patient))
            {
                if (total >= offset && page.Count < limit)
                {
                    page.Add(patient);
                }

                total++;
            }
        }

        return new CellPatients(total, await ReadGapOutcomesAsync(runId, measureId, page, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Every patient of a completed run who is in <paramref name="measureId"/>'s denominator, not excluded and not in its
    /// numerator, with their stored categories, earliest due date first (none last), then by source and patient id: the
    /// order of the patients pages, where a stratum (<see cref="RunStrata.Contains"/>) is a filter of this list.
    /// </summary>
    public async Task<IReadOnlyList<MeasureRunPatient>> ReadGapPatientsAsync(long runId, string measureId, CancellationToken cancellationToken)
    {
        await using var db = store.CreateDbContext();
        var rows = (
                from o in OpenGaps(db, runId, measureId)
                join p in db.MeasureRunPatients.AsNoTracking().Where(p => p.RunId == runId)
                    on new { o.Source, o.PatientId } equals new { p.Source, p.PatientId }
                orderby o.DueDate == null, o.DueDate, o.Source, o.PatientId
                select p)
            .AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false);
        // A few dozen distinct categories and sources over hundreds of thousands of rows: one string each.
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        string Shared(string value) => strings.TryGetValue(value, out var shared) ? shared : strings[value] = value;
        var patients = new List<MeasureRunPatient>();
        await foreach (var row in rows)
        {
            patients.Add(RunStrata.FromRow(row, Shared));
        }

        return patients;
    }

    /// <summary>The outcomes of <paramref name="patients"/> (from <see cref="ReadGapPatientsAsync"/>) in
    /// <paramref name="measureId"/> of run <paramref name="runId"/>, in the order given.</summary>
    public async Task<IReadOnlyList<MeasureRunOutcome>> ReadGapOutcomesAsync(long runId, string measureId, IReadOnlyList<MeasureRunPatient> patients,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patients);
        if (patients.Count == 0)
        {
            return [];
        }

        var sources = patients.Select(p => p.Source).Distinct().ToList();
        var ids = patients.Select(p => p.PatientId).Distinct().ToList();
        await using var db = store.CreateDbContext();
        var rows = await OpenGaps(db, runId, measureId)
            .Where(o => sources.Contains(o.Source) && ids.Contains(o.PatientId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var byKey = rows.ToDictionary(o => (o.Source, o.PatientId));
        return patients.Select(p => ToOutcome(byKey[(p.Source, p.PatientId)])).ToList();
    }

    /// <summary>The outcomes behind the patients pages: in the denominator, not excluded, not in the numerator.</summary>
    private static IQueryable<MeasureOutcomeRow> OpenGaps(RadEquityDbContext db, long runId, string measureId) =>
        db.MeasureOutcomes.AsNoTracking().Where(o => o.RunId == runId && o.MeasureId == measureId && o.Denominator && !o.Exclusion && !o.Numerator);

    private static MeasureRunOutcome ToOutcome(MeasureOutcomeRow o) => new(o.Source, o.PatientId, o.MeasureId, new MeasureResult(
        o.InitialPopulation, o.Denominator, o.Exclusion, o.Numerator, StoredMeasureText.ParseGapStatus(o.GapStatus), o.DueDate,
        o.Method, o.DaysToResolution, o.ReportedMethod));
}
