using RadEquity.Engine.Facts;
using RadEquity.Engine.Strata;

namespace RadEquity.Risk;

/// <summary>
/// Turns a practice's appointment history into examples: one per past appointment that was kept (label 0) or missed
/// (label 1). Cancelled and still-booked appointments are not examples: a cancellation is the practice's or the
/// patient's choice made in advance, not a missed exam, and a booked one has no outcome yet.
/// </summary>
public static class NoShowExamples
{
    /// <summary>Appointment.status of a missed appointment.</summary>
    public const string NoShow = "noshow";

    /// <summary>Appointment.status of a kept appointment.</summary>
    public const string Fulfilled = "fulfilled";

    /// <summary>The stratifiers fairness is reported by, in report order.</summary>
    public static IReadOnlyList<Stratifier> FairnessStratifiers { get; } =
        [Stratifiers.RaceEthnicity, Stratifiers.Payer, Stratifiers.Language];

    private const double EarthRadiusKm = 6371.0088;

    /// <summary>
    /// The examples of every appointment that started before <paramref name="asOf"/> and was kept or missed, in
    /// start order. Each example's history counts only appointments that started before it (no leakage from later
    /// outcomes).
    /// </summary>
    public static IReadOnlyList<NoShowExample> From(AppointmentHistory history, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(history);
        var sites = SitesById(history.Sites);
        var coverages = history.Coverages.GroupBy(c => c.PatientId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<CoverageFact>)[.. g], StringComparer.Ordinal);
        var appointments = history.Appointments
            .Where(a => a.Start is { } s && s < asOf && IsOutcome(a.Status))
            .GroupBy(a => a.PatientId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(a => a.Start).ToArray(), StringComparer.Ordinal);
        var examples = new List<NoShowExample>();
        foreach (var patient in history.Patients)
        {
            if (!appointments.TryGetValue(patient.PatientId, out var own))
            {
                continue;
            }

            var patientCoverages = coverages.GetValueOrDefault(patient.PatientId) ?? [];
            foreach (var appointment in own)
            {
                var features = Describe(appointment, patient, patientCoverages, own, sites, history.Areas);
                var day = DateOnly.FromDateTime(appointment.Start!.Value.UtcDateTime);
                examples.Add(new NoShowExample(patient.PatientId, appointment.Start.Value,
                    string.Equals(appointment.Status, NoShow, StringComparison.OrdinalIgnoreCase), features,
                    GroupsOf(patient, patientCoverages, new StratificationContext(day, history.Areas))));
            }
        }

        examples.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.PatientId, b.PatientId));
        return examples;
    }

    /// <summary>
    /// The features of <paramref name="appointment"/> (past or still to come): <paramref name="patientAppointments"/>
    /// may hold the patient's whole history; only kept or missed ones that started before it are counted.
    /// </summary>
    public static NoShowFeatures Describe(AppointmentFact appointment, PatientFact patient, IReadOnlyList<CoverageFact> coverages,
        IEnumerable<AppointmentFact> patientAppointments, IReadOnlyDictionary<string, SiteFact> sites, AreaLookup areas)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(patientAppointments);
        ArgumentNullException.ThrowIfNull(sites);
        var start = appointment.Start ?? throw new ArgumentException("An appointment without a start has no features.", nameof(appointment));
        int prior = 0, missed = 0;
        foreach (var other in patientAppointments)
        {
            if (other.Start is { } s && s < start && IsOutcome(other.Status))
            {
                prior++;
                missed += string.Equals(other.Status, NoShow, StringComparison.OrdinalIgnoreCase) ? 1 : 0;
            }
        }

        var day = DateOnly.FromDateTime(start.UtcDateTime);
        var context = new StratificationContext(day, areas);
        var site = appointment.LocationId is { } id ? sites.GetValueOrDefault(id) : null;
        var local = start.DateTime;
        return new NoShowFeatures(
            LeadTimeDays: appointment.Created is { } created ? Math.Max(0, (start - created).TotalDays) : -1,
            PriorAppointments: prior,
            PriorNoShows: missed,
            DistanceKm: DistanceKm(patient.Latitude, patient.Longitude, site?.Latitude, site?.Longitude),
            Age: patient.BirthDate is { } birth ? Engine.Measures.Age.InYears(birth, day) : -1,
            Payer: Stratifiers.Payer.Categorize(patient, coverages, context),
            Language: Stratifiers.Language.Categorize(patient, coverages, context),
            NeedsInterpreter: patient.NeedsInterpreter == true,
            Weekday: local.DayOfWeek,
            Hour: local.Hour,
            Rurality: Stratifiers.Rurality.Categorize(patient, coverages, context),
            RaceEthnicity: Stratifiers.RaceEthnicity.Categorize(patient, coverages, context));
    }

    /// <summary>Sites by Location id (the last one wins when a site appears in several sources).</summary>
    public static IReadOnlyDictionary<string, SiteFact> SitesById(IEnumerable<SiteFact> sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        var byId = new Dictionary<string, SiteFact>(StringComparer.Ordinal);
        foreach (var s in sites)
        {
            byId[s.LocationId] = s;
        }

        return byId;
    }

    /// <summary>Haversine distance in km, or -1 when a coordinate is missing.</summary>
    internal static double DistanceKm(double? lat1, double? lon1, double? lat2, double? lon2)
    {
        if (lat1 is not { } a || lon1 is not { } b || lat2 is not { } c || lon2 is not { } d)
        {
            return -1;
        }

        static double Rad(double degrees) => degrees * Math.PI / 180;
        var dLat = Rad(c - a);
        var dLon = Rad(d - b);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) +
                (Math.Cos(Rad(a)) * Math.Cos(Rad(c)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    internal static bool IsOutcome(string status) =>
        string.Equals(status, NoShow, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(status, Fulfilled, StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, string> GroupsOf(PatientFact patient, IReadOnlyList<CoverageFact> coverages, StratificationContext context)
    {
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in FairnessStratifiers)
        {
            groups[s.Id] = s.Categorize(patient, coverages, context);
        }

        return groups;
    }
}
