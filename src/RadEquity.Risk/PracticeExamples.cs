using RadEquity.Data;
using RadEquity.Data.Measures;
using RadEquity.Engine.Strata;
using RadEquity.Engine.Terminology;

namespace RadEquity.Risk;

/// <summary>Both kinds of example from one practice's history: its booked appointments and its due exams.</summary>
/// <param name="Appointments">Kept or missed appointments (<see cref="NoShowExamples"/>).</param>
/// <param name="DueExams">Open gaps and whether they were completed within the window (<see cref="DueExamExamples"/>).</param>
public sealed record PracticeExamples(IReadOnlyList<NoShowExample> Appointments, IReadOnlyList<NoShowExample> DueExams)
{
    /// <summary>Both, in start order.</summary>
    public IReadOnlyList<NoShowExample> All =>
        [.. Appointments.Concat(DueExams).OrderBy(e => e.Start).ThenBy(e => e.PatientId, StringComparer.Ordinal)];

    /// <summary>Reads the store's history (appointments, and every patient's facts classified with the default value
    /// sets for the engine's measures) and takes both kinds of example before <paramref name="until"/>.</summary>
    public static async Task<PracticeExamples> ReadAsync(StoreTarget store, AreaLookup areas, DateTimeOffset until,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var history = await AppointmentHistory.ReadAsync(store, areas, cancellationToken).ConfigureAwait(false);
        var codes = CodeIndex.Compile(ValueSetCatalog.LoadDefault().All);
        var records = await PatientRecordReader.ReadAsync(store, codes, cancellationToken).ConfigureAwait(false);
        return new PracticeExamples(NoShowExamples.From(history, until), DueExamExamples.From(records.Patients, history, codes, until));
    }
}
