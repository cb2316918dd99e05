using RadEquity.Engine.Facts;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Strata;
using RadEquity.Engine.Terminology;

namespace RadEquity.Risk;

/// <summary>How due-exam examples are taken from the history.</summary>
public sealed record DueExamOptions
{
    /// <summary>Days after the look at an open gap within which completing it counts as completed.</summary>
    public int CompletionWindowDays { get; init; } = 90;

    /// <summary>How many looks, one window apart, going back from the last one that has a whole window before the
    /// as-of date.</summary>
    public int Snapshots { get; init; } = 8;
}

/// <summary>
/// "Does not complete a due exam" examples (ADR 0010, addendum): the engine's own measures are evaluated at earlier
/// look dates; every gap open on a look is an example, labelled missed when the engine, evaluated again with the facts
/// up to the end of the completion window, still finds it not done. Measure logic stays in the engine.
/// </summary>
public static class DueExamExamples
{
    /// <summary>The measures whose open gaps are work items (the worklist's list; the USPSTF breast variant and the
    /// 90-day BI-RADS resolution would repeat the same exam).</summary>
    public static IReadOnlyList<string> MeasureIds { get; } =
        ["bi-rads-resolution-60", "bi-rads-3-short-interval", "lung-rads-follow-up", "cms125", "cms130", "lung-uspstf-2021"];

    /// <summary>The standard measures of <see cref="MeasureIds"/>, compiled with <paramref name="codes"/> (the index the
    /// records were classified with).</summary>
    public static IReadOnlyList<Measure> Measures(CodeIndex codes) =>
        [.. MeasureSet.Standard(codes).Where(m => MeasureIds.Contains(m.Id))];

    /// <summary>
    /// One example per (look, patient, measure) whose gap was open on the look. Looks are <see cref="DueExamOptions.Snapshots"/>
    /// days one window apart, the last one a whole window before <paramref name="asOf"/>, so every label is known.
    /// <paramref name="codes"/> is the index <paramref name="records"/> were classified with.
    /// </summary>
    public static IReadOnlyList<NoShowExample> From(IReadOnlyList<PatientRecord> records, AppointmentHistory history,
        CodeIndex codes, DateTimeOffset asOf, DueExamOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(codes);
        options ??= new DueExamOptions();
        if (options.CompletionWindowDays < 1 || options.Snapshots < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The completion window and the number of looks must be at least 1.");
        }

        var measures = Measures(codes);
        var appointments = history.Appointments.GroupBy(a => a.PatientId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var last = DateOnly.FromDateTime(asOf.UtcDateTime).AddDays(-options.CompletionWindowDays);
        var examples = new List<NoShowExample>();
        for (var s = options.Snapshots - 1; s >= 0; s--)
        {
            var look = last.AddDays(-s * options.CompletionWindowDays);
            var windowEnd = look.AddDays(options.CompletionWindowDays);
            // The year to the look; the later evaluation keeps the same start so an index result stays in its period.
            var period = new MeasurementPeriod(look.AddYears(-1).AddDays(1), look);
            var before = new MeasureContext(period, codes, look);
            var after = new MeasureContext(new MeasurementPeriod(period.Start, windowEnd), codes, windowEnd);
            var context = new StratificationContext(look, history.Areas);
            foreach (var record in records)
            {
                foreach (var measure in measures)
                {
                    var then = measure.Evaluate(record, before);
                    if (then.Gap != GapStatus.Open || !then.InDenominator || then.IsExcluded)
                    {
                        continue;
                    }

                    var later = measure.Evaluate(record, after);
                    // Late follow-ups keep the gap open (the measure's window has passed) but record their resolution.
                    var completed = later.InNumerator || later.DaysToResolution is not null || later.Gap == GapStatus.Closed;
                    var features = Describe(record.Patient, appointments.GetValueOrDefault(record.PatientId) ?? [], history.Sites,
                        look, then.DueDate, Stratifiers.Payer.Categorize(record.Patient, record.Coverages, context),
                        Stratifiers.Language.Categorize(record.Patient, record.Coverages, context),
                        Stratifiers.Rurality.Categorize(record.Patient, record.Coverages, context)) with
                    {
                        RaceEthnicity = Stratifiers.RaceEthnicity.Categorize(record.Patient, record.Coverages, context),
                    };
                    var groups = NoShowExamples.FairnessStratifiers.ToDictionary(f => f.Id,
                        f => f.Categorize(record.Patient, record.Coverages, context), StringComparer.Ordinal);
                    examples.Add(new NoShowExample(record.PatientId, new DateTimeOffset(look.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                        !completed, features, groups));
                }
            }
        }

        examples.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.PatientId, b.PatientId));
        return examples;
    }

    /// <summary>
    /// The features of a due exam looked at on <paramref name="day"/>: the patient's kept or missed appointments that
    /// started before that day, age that day, the given payer, language and rurality categories, the interpreter
    /// flag, and the distance from home to the nearest site. Nothing is booked, so lead time, weekday and hour are
    /// unknown. Race and ethnicity are left Unknown (a caller that trains with them sets them).
    /// </summary>
    public static NoShowFeatures Describe(PatientFact patient, IEnumerable<AppointmentFact> patientAppointments, IEnumerable<SiteFact> sites,
        DateOnly day, DateOnly? dueDate, string payer, string language, string rurality)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(patientAppointments);
        ArgumentNullException.ThrowIfNull(sites);
        var lookStart = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        int prior = 0, missed = 0;
        foreach (var a in patientAppointments)
        {
            if (a.Start is { } s && s < lookStart && NoShowExamples.IsOutcome(a.Status))
            {
                prior++;
                missed += string.Equals(a.Status, NoShowExamples.NoShow, StringComparison.OrdinalIgnoreCase) ? 1 : 0;
            }
        }

        return new NoShowFeatures(
            LeadTimeDays: -1,
            PriorAppointments: prior,
            PriorNoShows: missed,
            DistanceKm: NearestSiteKm(patient, sites),
            Age: patient.BirthDate is { } birth ? Age.InYears(birth, day) : -1,
            Payer: payer,
            Language: language,
            NeedsInterpreter: patient.NeedsInterpreter == true,
            Weekday: null,
            Hour: null,
            Rurality: rurality,
            RaceEthnicity: Stratifier.Unknown,
            Kind: RiskExampleKind.DueExam,
            DaysOverdue: dueDate is { } due ? Math.Max(0, day.DayNumber - due.DayNumber) : 0);
    }

    /// <summary>Great-circle km from home to the nearest fixed site with a position (any site when none is fixed);
    /// -1 when the home or every site lacks a position.</summary>
    public static double NearestSiteKm(PatientFact patient, IEnumerable<SiteFact> sites)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(sites);
        var located = sites.Where(s => s.Latitude is not null && s.Longitude is not null).ToArray();
        var candidates = located.Any(s => !s.IsMobile) ? located.Where(s => !s.IsMobile) : located;
        var nearest = -1.0;
        foreach (var site in candidates)
        {
            var km = NoShowExamples.DistanceKm(patient.Latitude, patient.Longitude, site.Latitude, site.Longitude);
            if (km >= 0 && (nearest < 0 || km < nearest))
            {
                nearest = km;
            }
        }

        return nearest;
    }
}
