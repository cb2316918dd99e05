using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using RadEquity.Data.Ingest;
using RadEquity.Data.Model;
using RadEquity.Engine.Evaluation;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Strata;

namespace RadEquity.Data.Measures;

/// <summary>
/// Measure runs, versioned by run: <c>measure_runs</c>, with each run's per-patient outcomes
/// (<c>measure_outcomes</c>), per-stratum counts (<c>measure_counts</c>) and data completeness per source
/// (<c>measure_completeness</c>).
/// </summary>
/// <remarks>
/// A run's rows and its <c>completed</c> status are written in one transaction (<c>SaveAsync</c>), so a run is
/// either completed with all its rows or has none: a crash or kill mid-save leaves it <c>running</c> with no rows, and
/// the next <see cref="StartRunAsync"/> marks it <c>interrupted</c>, as ingest runs are. A save that fails marks its
/// run <c>failed</c>. Readers read completed runs only. One writer per store is assumed, as for ingest.
/// </remarks>
public sealed partial class MeasureRunStore(StoreTarget store, TimeProvider time)
{
    private const int CancellationStride = 4096;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly string[] OutcomeColumns =
    [
        "run_id", "measure_id", "source", "patient_id", "initial_population", "denominator", "exclusion", "numerator",
        "reported_method", "gap_status", "due_date", "method", "days_to_resolution",
    ];

    private static readonly string InsertOutcomeSql =
        $"INSERT INTO measure_outcomes ({string.Join(", ", OutcomeColumns)}) VALUES ({string.Join(", ", OutcomeColumns.Select(c => "@" + c))})";

    private static readonly string[] PatientColumns =
        ["run_id", "source", "patient_id", "race_ethnicity", "language", "payer", "rurality", "deprivation", "age_band", "sex"];

    private static readonly string InsertPatientSql =
        $"INSERT INTO measure_run_patients ({string.Join(", ", PatientColumns)}) VALUES ({string.Join(", ", PatientColumns.Select(c => "@" + c))})";

    private static readonly string CopyPatientsSql = $"COPY measure_run_patients ({string.Join(", ", PatientColumns)}) FROM STDIN (FORMAT BINARY)";

    private static readonly string CopyOutcomesSql = $"COPY measure_outcomes ({string.Join(", ", OutcomeColumns)}) FROM STDIN (FORMAT BINARY)";

    /// <summary>Test seam: runs after every row of a save is written, just before the commit.</summary>
    internal Func<Task>? BeforeCommit { get; init; }

    /// <summary>Records a new run as <c>running</c> and returns its id; runs still <c>running</c> (their process died)
    /// become <c>interrupted</c>.</summary>
    public async Task<long> StartRunAsync(MeasureRunDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        await using var db = store.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await db.MeasureRuns
            .Where(r => r.Status == MeasureRunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, MeasureRunStatus.Interrupted), cancellationToken).ConfigureAwait(false);
        var run = new MeasureRunRow
        {
            StartedAt = StoreTimestamp.Normalize(time.GetUtcNow()),
            Status = MeasureRunStatus.Running,
            PeriodStart = definition.Period.Start,
            PeriodEnd = definition.Period.End,
            AsOf = definition.AsOf,
            MeasureIds = JsonSerializer.Serialize(definition.MeasureIds, Json),
            ValueSetSource = definition.ValueSetSource,
            EngineVersion = definition.EngineVersion,
        };
        db.MeasureRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return run.Id;
    }

    /// <summary>
    /// Writes a running run's outcomes (in bulk: prepared statements on SQLite, binary COPY on PostgreSQL), counts and
    /// completeness, and marks it completed, all in one transaction. On any failure, including cancellation or an
    /// exception thrown by <paramref name="outcomes"/> mid-enumeration, nothing is written and the run is marked
    /// <c>failed</c>.
    /// </summary>
    /// <param name="runId">A run from <see cref="StartRunAsync"/>, still running.</param>
    /// <param name="counts">The run's merged counts; <see cref="EvaluationCounts.Patients"/> is recorded on the run.</param>
    /// <param name="outcomes">The per-patient results, enumerated once (see <see cref="MeasureRunOutcome.FromResults"/>).</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    public Task SaveAsync(long runId, EvaluationCounts counts, IEnumerable<MeasureRunOutcome> outcomes, CancellationToken cancellationToken) =>
        SaveAsync(runId, counts, outcomes, [], cancellationToken);

    /// <summary>As <see cref="SaveAsync(long, EvaluationCounts, IEnumerable{MeasureRunOutcome}, CancellationToken)"/>, also
    /// keeping each patient's categories (<see cref="RunStrata"/>) for finding the patients behind a stratum.</summary>
    public async Task SaveAsync(long runId, EvaluationCounts counts, IEnumerable<MeasureRunOutcome> outcomes,
        IEnumerable<MeasureRunPatient> patients, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(patients);
        try
        {
            await WriteAsync(runId, counts, outcomes, patients, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await MarkFailedAsync(runId).ConfigureAwait(false);
            throw;
        }
    }


    private async Task WriteAsync(long runId, EvaluationCounts counts, IEnumerable<MeasureRunOutcome> outcomes,
        IEnumerable<MeasureRunPatient> patients, CancellationToken cancellationToken)
    {
        await using var db = store.CreateDbContext();
        // On SQLite this is BEGIN IMMEDIATE: the write lock is taken before the status check.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var status = await db.MeasureRuns.Where(r => r.Id == runId).Select(r => r.Status).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (!string.Equals(status, MeasureRunStatus.Running, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture, $"Measure run {runId} is {status ?? "missing"}; only a running run can be saved."));
        }

        var connection = db.Database.GetDbConnection();
        switch (store.Provider)
        {
            case StoreProvider.Sqlite:
                InsertOutcomes((SqliteConnection)connection, runId, outcomes, cancellationToken);
                InsertPatients((SqliteConnection)connection, runId, patients, cancellationToken);
                break;
            case StoreProvider.PostgreSql:
                await CopyOutcomesAsync((NpgsqlConnection)connection, runId, outcomes, cancellationToken).ConfigureAwait(false);
                await CopyPatientsAsync((NpgsqlConnection)connection, runId, patients, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new InvalidOperationException("Unknown provider.");
        }

        // A few hundred cells: EF is fast enough and keeps the column mapping in one place.
        db.MeasureCounts.AddRange(counts.Cells.Select(c => ToRow(runId, c.Key, c.Value)));
        db.MeasureCompleteness.AddRange(counts.Completeness.BySource.Select(c => ToRow(runId, c.Key, c.Value)));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var finishedAt = StoreTimestamp.Normalize(time.GetUtcNow());
        var completed = await db.MeasureRuns
            .Where(r => r.Id == runId && r.Status == MeasureRunStatus.Running)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, MeasureRunStatus.Completed)
                    .SetProperty(r => r.FinishedAt, finishedAt)
                    .SetProperty(r => r.Patients, counts.Patients),
                cancellationToken).ConfigureAwait(false);
        if (completed != 1)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Measure run {runId} stopped running during its save."));
        }

        if (BeforeCommit is not null)
        {
            await BeforeCommit().ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void InsertOutcomes(SqliteConnection connection, long runId, IEnumerable<MeasureRunOutcome> outcomes, CancellationToken cancellationToken)
    {
        using var insert = new SqliteStatement(connection, InsertOutcomeSql, OutcomeColumns.Length);
        long row = 0;
        foreach (var outcome in outcomes)
        {
            if (++row % CancellationStride == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var result = outcome.Result;
            insert.BindInt64(1, runId);
            insert.BindText(2, outcome.MeasureId);
            insert.BindText(3, outcome.Source);
            insert.BindText(4, outcome.PatientId);
            insert.BindInt64(5, result.InInitialPopulation ? 1 : 0);
            insert.BindInt64(6, result.InDenominator ? 1 : 0);
            insert.BindInt64(7, result.IsExcluded ? 1 : 0);
            insert.BindInt64(8, result.InNumerator ? 1 : 0);
            insert.BindInt64(9, result.MetByReportedMethod ? 1 : 0);
            insert.BindText(10, StoredMeasureText.GapStatusName(result.Gap));
            insert.BindText(11, result.DueDate?.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture));
            insert.BindText(12, result.Method);
            insert.Bind(13, result.DaysToResolution, ColumnType.Long);
            insert.Execute();
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private static void InsertPatients(SqliteConnection connection, long runId, IEnumerable<MeasureRunPatient> patients, CancellationToken cancellationToken)
    {
        using var insert = new SqliteStatement(connection, InsertPatientSql, PatientColumns.Length);
        long row = 0;
        foreach (var patient in patients)
        {
            if (++row % CancellationStride == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            insert.BindInt64(1, runId);
            insert.BindText(2, patient.Source);
            insert.BindText(3, patient.PatientId);
            for (var i = 0; i < RunStrata.Stored.Count; i++)
            {
                insert.BindText(4 + i, patient.Categories[i]);
            }

            insert.Execute();
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private static async Task CopyPatientsAsync(
        NpgsqlConnection connection, long runId, IEnumerable<MeasureRunPatient> patients, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(CopyPatientsSql, cancellationToken).ConfigureAwait(false);
        foreach (var patient in patients)
        {
            await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(runId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(patient.Source, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(patient.PatientId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < RunStrata.Stored.Count; i++)
            {
                await writer.WriteAsync(patient.Categories[i], NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            }
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task CopyOutcomesAsync(
        NpgsqlConnection connection, long runId, IEnumerable<MeasureRunOutcome> outcomes, CancellationToken cancellationToken)
    {
        // Disposing the importer without CompleteAsync (an exception or cancellation mid-way) cancels the COPY.
        await using var writer = await connection.BeginBinaryImportAsync(CopyOutcomesSql, cancellationToken).ConfigureAwait(false);
        foreach (var outcome in outcomes)
        {
            var result = outcome.Result;
            await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(runId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(outcome.MeasureId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(outcome.Source, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(outcome.PatientId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(result.InInitialPopulation, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(result.InDenominator, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(result.IsExcluded, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(result.InNumerator, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(result.MetByReportedMethod, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(StoredMeasureText.GapStatusName(result.Gap), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await (result.DueDate is { } dueDate
                ? writer.WriteAsync(dueDate, NpgsqlDbType.Date, cancellationToken)
                : writer.WriteNullAsync(cancellationToken)).ConfigureAwait(false);
            await (result.Method is { } method
                ? writer.WriteAsync(method, NpgsqlDbType.Text, cancellationToken)
                : writer.WriteNullAsync(cancellationToken)).ConfigureAwait(false);
            await (result.DaysToResolution is { } days
                ? writer.WriteAsync(days, NpgsqlDbType.Integer, cancellationToken)
                : writer.WriteNullAsync(cancellationToken)).ConfigureAwait(false);
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Best effort: the save's own exception is what the caller needs, so a failure to record the failure
    /// (the database is gone) is dropped; the next start marks the run interrupted anyway.</summary>
    private async Task MarkFailedAsync(long runId)
    {
        try
        {
            await using var db = store.CreateDbContext();
            var failedAt = StoreTimestamp.Normalize(time.GetUtcNow());
            await db.MeasureRuns
                .Where(r => r.Id == runId && r.Status == MeasureRunStatus.Running)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(r => r.Status, MeasureRunStatus.Failed).SetProperty(r => r.FinishedAt, failedAt),
                    CancellationToken.None).ConfigureAwait(false);
        }
        catch (DbException)
        {
        }
    }

    private static MeasureCountRow ToRow(long runId, StratumKey key, StratumCounts counts) => new()
    {
        RunId = runId,
        MeasureId = key.MeasureId,
        StratifierId = key.StratifierId,
        Category = key.Category,
        InitialPopulation = counts.InitialPopulation,
        Denominator = counts.Denominator,
        Exclusions = counts.Exclusions,
        Numerator = counts.Numerator,
        ReportedMethod = counts.ReportedMethod,
        OpenGaps = counts.OpenGaps,
        ProspectiveGaps = counts.ProspectiveGaps,
        Resolved = counts.Resolved,
        ResolutionDays = StoredMeasureText.FormatResolutionDays(counts.ResolutionDays),
    };

    private static MeasureCompletenessRow ToRow(long runId, string source, CompletenessCounts counts) => new()
    {
        RunId = runId,
        Source = source,
        Patients = counts.Patients,
        RaceUnknown = counts.RaceUnknown,
        RaceDeclined = counts.RaceDeclined,
        EthnicityUnknown = counts.EthnicityUnknown,
        EthnicityDeclined = counts.EthnicityDeclined,
        LanguageMissing = counts.LanguageMissing,
        PayerMissing = counts.PayerMissing,
        PayerUnmapped = counts.PayerUnmapped,
        ZipMissing = counts.ZipMissing,
        ZipWithoutRurality = counts.ZipWithoutRurality,
        ZipWithoutDeprivation = counts.ZipWithoutDeprivation,
    };

    internal static MeasureRun ToRun(MeasureRunRow row) => new(
        row.Id,
        row.Status,
        row.StartedAt,
        row.FinishedAt,
        new MeasureRunDefinition(
            new MeasurementPeriod(row.PeriodStart, row.PeriodEnd),
            row.AsOf,
            JsonSerializer.Deserialize<string[]>(row.MeasureIds, Json) ?? [],
            row.ValueSetSource,
            row.EngineVersion),
        row.Patients);
}

/// <summary>A page of the patients behind a stratum (<see cref="MeasureRunStore"/>'s <c>ReadCellPatientsAsync</c>).</summary>
/// <param name="Total">How many patients the stratum has in all.</param>
/// <param name="Page">This page's outcomes.</param>
public sealed record CellPatients(long Total, IReadOnlyList<MeasureRunOutcome> Page);
