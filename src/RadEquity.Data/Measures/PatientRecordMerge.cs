using System.Diagnostics;
using System.Runtime.CompilerServices;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Terminology;

namespace RadEquity.Data.Measures;

/// <summary>
/// Builds <see cref="PatientRecord"/>s by merging three scans ordered by (source, patient id): patients, coverages and
/// clinical events. Each patient's record is complete when the scans move past its key, so records stream out in
/// batches and memory stays bounded by the batch. One per load; not thread-safe.
/// </summary>
/// <remarks>Without <c>codes</c> (the fact snapshot's refresh) every event is kept, unclassified.</remarks>
internal sealed class PatientRecordMerge(CodeIndex? codes, PatientSelection selection)
{
    private static readonly string[] PatientColumns =
    [
        "source", "patient_id", "birth_date", "sex", "birth_sex", "race_codes", "ethnicity_codes", "language_code",
        "needs_interpreter", "postal_code", "state", "latitude", "longitude", "deceased_date",
    ];

    private static readonly string[] CoverageColumns =
        ["source", "patient_id", "category", "type_codes", "status", "start_date", "end_date", "payer_name"];

    // The key and the two classified codings come first: an event that matches no value set is dropped after reading
    // them, before any other column is decoded.
    private static readonly string[] EventColumns =
    [
        "source", "patient_id", "codes", "value_codes", "kind", "resource_type", "resource_id", "categories", "status",
        "starts_at", "ends_at", "value_quantity", "value_unit", "body_site_codes", "location_id", "based_on_id",
    ];

    private readonly StringPool _strings = new();
    private readonly CodingCache _codings = new(codes);
    private long _patients;
    private long _coverages;
    private long _eventsRead;
    private long _eventsKept;

    /// <summary>Reads through <paramref name="connection"/>, which the caller owns and keeps open until the enumeration ends.</summary>
    public async IAsyncEnumerable<PatientRecordBatch> ReadAsync(
        FactConnection connection, int batchSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Time spent in the reader only: the clock stops while the consumer holds a batch.
        var clock = Stopwatch.StartNew();
        await using var patients = await QueryAsync(connection, PatientColumns, "patients", cancellationToken).ConfigureAwait(false);
        await using var coverages = await QueryAsync(connection, CoverageColumns, "coverages", cancellationToken).ConfigureAwait(false);
        await using var events = await QueryAsync(connection, EventColumns, "clinical_events", cancellationToken).ConfigureAwait(false);
        var coverageRow = await coverages.ReadAsync(cancellationToken).ConfigureAwait(false);
        var eventRow = await events.ReadAsync(cancellationToken).ConfigureAwait(false);

        var batch = new List<PatientRecord>(batchSize);
        string? lastSource = null, lastId = null;
        while (await patients.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!selection.Contains(patients.Text(1)) || IsSameKey(patients, lastSource, lastId))
            {
                // Another partition's patient, or (impossible by the table's key) a second row of the last one; the
                // rows that follow are skipped on the way to the next selected patient.
                continue;
            }

            var (source, patient) = ReadPatient(patients);
            if (lastSource is not null && CompareKey(source, patient.PatientId, lastSource, lastId!) < 0)
            {
                throw new InvalidOperationException(
                    $"The store returned patients out of (source, patient id) order at {source}/{patient.PatientId}.");
            }

            (lastSource, lastId) = (source, patient.PatientId);
            List<CoverageFact>? patientCoverages = null;
            for (; coverageRow; coverageRow = await coverages.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var order = CompareKey(coverages, source, patient.PatientId);
                if (order > 0)
                {
                    break;
                }

                if (order == 0)
                {
                    (patientCoverages ??= []).Add(ReadCoverage(coverages, patient.PatientId));
                }
            }

            List<EventRecord>? patientEvents = null;
            for (; eventRow; eventRow = await events.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var order = CompareKey(events, source, patient.PatientId);
                if (order > 0)
                {
                    break;
                }

                if (order == 0 && ReadEvent(events, patient.PatientId) is { } clinicalEvent)
                {
                    (patientEvents ??= []).Add(clinicalEvent);
                }
            }

            batch.Add(new PatientRecord(source, patient, patientCoverages?.ToArray() ?? [], patientEvents?.ToArray() ?? []));
            _patients++;
            if (batch.Count == batchSize)
            {
                clock.Stop();
                yield return new PatientRecordBatch(batch, Summary(clock));
                clock.Start();
                batch = new List<PatientRecord>(batchSize);
            }
        }

        clock.Stop();
        yield return new PatientRecordBatch(batch, Summary(clock));
    }

    private PatientLoadSummary Summary(Stopwatch clock) => new(_patients, _coverages, _eventsRead, _eventsKept, clock.Elapsed);

    private Task<FactRows> QueryAsync(FactConnection connection, string[] columns, string table, CancellationToken cancellationToken)
    {
        var (where, parameters) = Where(selection, connection);
        // The (source, patient_id) index of every patient table gives this order without a sort on SQLite.
        return connection.QueryAsync(
            $"SELECT {string.Join(", ", columns)} FROM {table}{where} ORDER BY {connection.ByPatient}", parameters, cancellationToken);
    }

    /// <summary>The WHERE clause (empty or starting with a space) and its parameters that select
    /// <paramref name="selection"/>'s rows; the partition hash is applied as rows are read.</summary>
    internal static (string Where, IReadOnlyList<KeyValuePair<string, string>> Parameters) Where(PatientSelection selection, FactConnection connection)
    {
        var conditions = new List<string>();
        var parameters = new List<KeyValuePair<string, string>>();
        if (selection.Source is { } source)
        {
            conditions.Add("source = @source");
            parameters.Add(new("source", source));
        }

        if (selection.PatientId is { } patientId)
        {
            conditions.Add("patient_id = @patient");
            parameters.Add(new("patient", patientId));
        }

        if (selection.PendingOnly)
        {
            conditions.Add("(source, patient_id) IN (SELECT source, patient_id FROM fact_snapshot_pending)");
        }

        if (selection.From is { } from)
        {
            conditions.Add(connection.PatientKey + " >= (@from_source, @from_patient)");
            parameters.Add(new("from_source", from.Source));
            parameters.Add(new("from_patient", from.PatientId));
        }

        if (selection.Before is { } before)
        {
            conditions.Add(connection.PatientKey + " < (@before_source, @before_patient)");
            parameters.Add(new("before_source", before.Source));
            parameters.Add(new("before_patient", before.PatientId));
        }

        return (conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions), parameters);
    }

    private (string Source, PatientFact Patient) ReadPatient(FactRows rows)
    {
        var source = _strings.Intern(rows.Text(0));
        var patient = new PatientFact(
            rows.Text(1).ToString(),
            rows.NullableDate(2),
            Enum.Parse<AdministrativeSex>(rows.Text(3)),
            rows.Text(4, _strings),
            _codings.Get(rows.Text(5)).Codings,
            _codings.Get(rows.Text(6)).Codings,
            rows.Text(7, _strings),
            rows.NullableBoolean(8),
            rows.Text(9, _strings),
            rows.Text(10, _strings),
            rows.NullableDouble(11),
            rows.NullableDouble(12),
            rows.NullableDate(13));
        return (source, patient);
    }

    private CoverageFact ReadCoverage(FactRows rows, string patientId)
    {
        _coverages++;
        return new CoverageFact(
            patientId,
            Enum.Parse<PayerCategory>(rows.Text(2)),
            _codings.Get(rows.Text(3)).Codings,
            rows.Text(4, _strings),
            rows.NullableDate(5),
            rows.NullableDate(6),
            rows.Text(7, _strings));
    }

    /// <summary>The event, classified; null when neither its codes nor its value codes are in any value set.</summary>
    private EventRecord? ReadEvent(FactRows rows, string patientId)
    {
        _eventsRead++;
        var eventCodes = _codings.Get(rows.Text(2));
        var valueCodes = _codings.Get(rows.Text(3));
        if (codes is not null && eventCodes.Mask.IsEmpty && valueCodes.Mask.IsEmpty)
        {
            return null;
        }

        _eventsKept++;
        var basedOn = rows.Text(15);
        var clinicalEvent = new ClinicalEvent(
            patientId,
            Enum.Parse<EventKind>(rows.Text(4)),
            eventCodes.Codings,
            _codings.Get(rows.Text(7)).Codings,
            rows.Text(8, _strings),
            rows.NullableTimestamp(9),
            rows.NullableTimestamp(10),
            valueCodes.Codings,
            rows.NullableDecimal(11),
            rows.Text(12, _strings),
            _codings.Get(rows.Text(13)).Codings,
            rows.Text(14, _strings),
            basedOn.IsEmpty && rows.IsNull(15) ? null : basedOn.ToString());
        return new EventRecord(_strings.Intern(rows.Text(5)), rows.Text(6).ToString(), clinicalEvent, eventCodes.Mask, valueCodes.Mask);
    }

    private static bool IsSameKey(FactRows rows, string? source, string? patientId) =>
        source is not null && CompareKey(rows, source, patientId!) == 0;

    /// <summary>The order of the row's key (columns 0 and 1) relative to (<paramref name="source"/>, <paramref name="patientId"/>).</summary>
    private static int CompareKey(FactRows rows, string source, string patientId) =>
        CodePointOrder.Compare(rows.Text(0), source) is var bySource and not 0 ? bySource : CodePointOrder.Compare(rows.Text(1), patientId);

    private static int CompareKey(string source, string patientId, string otherSource, string otherPatientId) =>
        CodePointOrder.Compare(source, otherSource) is var bySource and not 0 ? bySource : CodePointOrder.Compare(patientId, otherPatientId);
}
