using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Terminology;

namespace RadEquity.Data.Measures;

/// <summary>What a <see cref="FactSnapshot.RefreshAsync(StoreTarget, CancellationToken)"/> did.</summary>
/// <param name="Rebuilt">True when the whole snapshot was written again (first use, a format change, or most patients
/// changed); false when only the changed patients were.</param>
/// <param name="Patients">Patient rows written.</param>
/// <param name="Elapsed">Time taken.</param>
public sealed record FactSnapshotRefresh(bool Rebuilt, long Patients, TimeSpan Elapsed);

/// <summary>
/// The measures' copy of the fact tables: one compact row per patient (<see cref="FactSnapshotEncoder"/>) in
/// (source, patient id) order, which a full evaluation reads as one sequential scan instead of three index-order
/// scans that visit every event row (docs/adr/0009-fact-snapshot.md). The fact tables stay the truth: triggers mark
/// every patient whose facts change as pending, in the same transaction (<see cref="FactSnapshotSchema"/>), and a load
/// reads the snapshot only when its read snapshot of the store has nothing pending and the rows are in this build's
/// format; otherwise it reads the fact tables as before. Ingest refreshes it at the end of a run, and every store
/// evaluation refreshes it first.
/// </summary>
public static partial class FactSnapshot
{
    /// <summary>The encoding of the rows; a build that writes another one rebuilds the snapshot on its first refresh.</summary>
    internal const int Format = 1;

    // When at least this share of the patients changed, writing every row is cheaper than deleting and re-reading them
    // one key at a time, and it compacts the dictionary.
    private const double RebuildShare = 0.5;
    private const int BatchSize = 1_000;

    /// <summary>
    /// Brings the snapshot up to date with the fact tables: writes the rows of the patients marked pending (or every row)
    /// and clears their marks, all in one transaction, so a crash leaves the previous snapshot and its marks as they
    /// were. Writers of facts wait while it runs; readers do not.
    /// </summary>
    public static Task<FactSnapshotRefresh> RefreshAsync(StoreTarget store, CancellationToken cancellationToken) =>
        RefreshAsync(store, null, cancellationToken);

    /// <summary><see cref="RefreshAsync(StoreTarget, CancellationToken)"/>, with a test seam that runs after every row is
    /// written, just before the commit.</summary>
    internal static async Task<FactSnapshotRefresh> RefreshAsync(StoreTarget store, Func<Task>? beforeCommit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var started = Stopwatch.GetTimestamp();
        // Without taking the write lock first: an evaluation refreshes a current snapshot, and should not wait for a
        // running ingest to learn that.
        await using (var reader = await FactConnection.OpenAsync(store, cancellationToken).ConfigureAwait(false))
        {
            if (await IsCurrentAsync(reader, cancellationToken).ConfigureAwait(false))
            {
                return new FactSnapshotRefresh(false, 0, Stopwatch.GetElapsedTime(started));
            }
        }

        await using SnapshotWriter writer = store.Provider == StoreProvider.Sqlite
            ? await SqliteSnapshotWriter.BeginAsync(store.ConnectionString, cancellationToken).ConfigureAwait(false)
            : await PostgresSnapshotWriter.BeginAsync(store.ConnectionString, cancellationToken).ConfigureAwait(false);
        var (format, pending, patients) = await writer.StateAsync(cancellationToken).ConfigureAwait(false);
        if (format == Format && pending == 0)
        {
            return new FactSnapshotRefresh(false, 0, Stopwatch.GetElapsedTime(started));
        }

        var rebuild = format != Format || pending >= patients * RebuildShare;
        var encoder = new FactSnapshotEncoder(rebuild ? [] : await writer.TextsAsync(cancellationToken).ConfigureAwait(false));
        await writer.ClearAsync(rebuild, cancellationToken).ConfigureAwait(false);

        // The reader opens after the writer holds the store's write lock (SQLite) or the pending marks' lock
        // (PostgreSQL), so it sees every committed change and no fact change can commit until this one does.
        long written = 0;
        var selection = rebuild ? PatientSelection.All : PatientSelection.SnapshotPending;
        await using (var connection = await FactConnection.OpenAsync(store, cancellationToken).ConfigureAwait(false))
        {
            await foreach (var batch in new PatientRecordMerge(null, selection).ReadAsync(connection, BatchSize, cancellationToken).ConfigureAwait(false))
            {
                foreach (var record in batch.Patients)
                {
                    await writer.WriteAsync(record.Source, record.PatientId, encoder.Encode(record), cancellationToken).ConfigureAwait(false);
                    written++;
                }

                await writer.AddTextsAsync(encoder.TakeAdded(), cancellationToken).ConfigureAwait(false);
            }
        }

        if (beforeCommit is not null)
        {
            await beforeCommit().ConfigureAwait(false);
        }

        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new FactSnapshotRefresh(rebuild, written, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>True when the load's read snapshot of the store may read the rows: nothing pending, this format.</summary>
    internal static async Task<bool> IsCurrentAsync(FactConnection connection, CancellationToken cancellationToken)
    {
        await using var rows = await connection.QueryAsync(
            "SELECT CAST(coalesce((SELECT format FROM fact_snapshot_state WHERE id = 1), 0) AS text), " +
            "CAST(CASE WHEN EXISTS (SELECT 1 FROM fact_snapshot_pending) THEN 1 ELSE 0 END AS text)", [], cancellationToken).ConfigureAwait(false);
        await rows.ReadAsync(cancellationToken).ConfigureAwait(false);
        return int.Parse(rows.Text(0), CultureInfo.InvariantCulture) == Format && rows.Text(1) is "0";
    }

    /// <summary>Streams the selected patients' rows as records, as <see cref="PatientRecordMerge"/> would build them from
    /// the fact tables. Call only when <see cref="IsCurrentAsync"/> answered true on the same connection.</summary>
    internal static async IAsyncEnumerable<PatientRecordBatch> ReadAsync(FactConnection connection, CodeIndex codes, PatientSelection selection,
        int batchSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var texts = new List<string?> { null };
        await using (var rows = await connection.QueryAsync("SELECT CAST(id AS bigint), text FROM fact_snapshot_texts ORDER BY id", [], cancellationToken).ConfigureAwait(false))
        {
            while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = (int)rows.Int64(0);
                while (texts.Count < id)
                {
                    texts.Add(null);
                }

                texts.Add(rows.Text(1).ToString());
            }
        }

        var decoder = new FactSnapshotDecoder([.. texts], codes);
        var sources = new StringPool();
        var (where, parameters) = PatientRecordMerge.Where(selection, connection);
        await using var snapshot = await connection.QueryAsync(
            $"SELECT source, patient_id, facts FROM fact_snapshots{where} ORDER BY {connection.ByPatient}", parameters, cancellationToken).ConfigureAwait(false);
        var batch = new List<PatientRecord>(batchSize);
        long patients = 0;
        while (await snapshot.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!selection.Contains(snapshot.Text(1)))
            {
                continue;
            }

            batch.Add(decoder.Decode(sources.Intern(snapshot.Text(0)), snapshot.Text(1).ToString(), snapshot.Bytes(2)));
            patients++;
            if (batch.Count == batchSize)
            {
                clock.Stop();
                yield return new PatientRecordBatch(batch, Summary());
                clock.Start();
                batch = new List<PatientRecord>(batchSize);
            }
        }

        clock.Stop();
        yield return new PatientRecordBatch(batch, Summary());

        PatientLoadSummary Summary() =>
            new(patients, decoder.Coverages, decoder.EventsRead, decoder.EventsKept, clock.Elapsed) { FromSnapshot = true };
    }
}
