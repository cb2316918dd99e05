namespace RadEquity.Risk;

/// <summary>What an example is about: the model learns both in one, told apart by this feature.</summary>
public enum RiskExampleKind
{
    /// <summary>A booked appointment: is it missed (a no-show)?</summary>
    Appointment,

    /// <summary>A due exam (an open care gap): is it still not done after the completion window?</summary>
    DueExam,
}

/// <summary>
/// What the model sees of one appointment or due exam, all of it known beforehand (at the appointment's start, or on
/// the day the due exam is looked at).
/// </summary>
/// <param name="LeadTimeDays">Days from booking (Appointment.created) to start; -1 when the booking date is unknown
/// (always for a due exam: nothing is booked).</param>
/// <param name="PriorAppointments">The patient's kept or missed appointments that started before this one.</param>
/// <param name="PriorNoShows">How many of those were missed.</param>
/// <param name="DistanceKm">Great-circle distance from home to the site; -1 when either position is unknown.</param>
/// <param name="Age">Age in completed years on the appointment's day; -1 without a birth date.</param>
/// <param name="Payer">Payer category active that day (the engine's payer stratifier).</param>
/// <param name="Language">Preferred language category (the engine's language stratifier).</param>
/// <param name="NeedsInterpreter">Whether an interpreter is required.</param>
/// <param name="Weekday">Day of the week of the start; null for a due exam (encoded -1, "unknown").</param>
/// <param name="Hour">Hour of the start, in the appointment's own offset; null for a due exam (encoded -1).</param>
/// <param name="Rurality">Rural, Urban or Unknown (RUCA of the home ZIP).</param>
/// <param name="RaceEthnicity">The race and ethnicity category; used by a model only when training asked for it
/// (off by default, ADR 0010).</param>
/// <param name="Kind">A booked appointment or a due exam.</param>
/// <param name="DaysOverdue">For a due exam, days from its due date to the day it is looked at (0 when not yet
/// due); -1 for an appointment.</param>
public sealed record NoShowFeatures(
    double LeadTimeDays,
    int PriorAppointments,
    int PriorNoShows,
    double DistanceKm,
    int Age,
    string Payer,
    string Language,
    bool NeedsInterpreter,
    DayOfWeek? Weekday,
    int? Hour,
    string Rurality,
    string RaceEthnicity,
    RiskExampleKind Kind = RiskExampleKind.Appointment,
    int DaysOverdue = -1)
{
    /// <summary>Share of prior appointments missed; 0 without history.</summary>
    public double PriorNoShowRate => PriorAppointments == 0 ? 0 : (double)PriorNoShows / PriorAppointments;
}

/// <summary>One past appointment or due exam as a training or test example.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="Start">When the appointment was due to start, or the day the due exam was looked at (examples are
/// split by it: earlier ones train, later ones test).</param>
/// <param name="Missed">The label: true for a no-show or a due exam not completed within the window, false for a
/// fulfilled appointment or a completed exam.</param>
/// <param name="Features">What was known before it started.</param>
/// <param name="Groups">The patient's category per fairness stratifier id (race-ethnicity, payer, language).</param>
public sealed record NoShowExample(
    string PatientId,
    DateTimeOffset Start,
    bool Missed,
    NoShowFeatures Features,
    IReadOnlyDictionary<string, string> Groups);
