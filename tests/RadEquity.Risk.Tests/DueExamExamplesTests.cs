using RadEquity.Engine.Facts;

namespace RadEquity.Risk.Tests;

[Collection(TrainedPracticeGroup.Name)]
public class DueExamExamplesTests(TrainedPractice practice)
{
    private static readonly PatientFact Patient = new("p1", new DateOnly(1960, 6, 15), AdministrativeSex.Female, "F", [], [],
        "es", NeedsInterpreter: true, "87101", "NM", 35.0, -106.6, null);

    // 0.1 degree of latitude north (about 11.1 km), 0.2 north (22.2 km), and a mobile unit at the door.
    private static readonly SiteFact Near = new("near", "Near", false, "87102", 35.1, -106.6, null);
    private static readonly SiteFact Far = new("far", "Far", false, "87103", 35.2, -106.6, null);
    private static readonly SiteFact Van = new("van", "Van", true, null, 35.0, -106.6, null);

    [Fact]
    public void Describe_DueExam_PriorAppointmentsBeforeTheDayNearestFixedSiteAndNoBookingFeatures()
    {
        var day = new DateOnly(2025, 6, 1);
        AppointmentFact[] appointments =
        [
            new("p1", "noshow", [], new DateTimeOffset(2025, 1, 5, 9, 0, 0, TimeSpan.Zero), null, null, "far"),
            new("p1", "fulfilled", [], new DateTimeOffset(2025, 3, 5, 9, 0, 0, TimeSpan.Zero), null, null, "far"),
            new("p1", "cancelled", [], new DateTimeOffset(2025, 4, 5, 9, 0, 0, TimeSpan.Zero), null, null, "far"),
            new("p1", "noshow", [], new DateTimeOffset(2025, 7, 5, 9, 0, 0, TimeSpan.Zero), null, null, "far"),
        ];

        var f = DueExamExamples.Describe(Patient, appointments, [Far, Van, Near], day, day.AddDays(-40), "Medicaid", "Spanish", "Rural");

        Assert.Equal(RiskExampleKind.DueExam, f.Kind);
        Assert.Equal((2, 1, 40), (f.PriorAppointments, f.PriorNoShows, f.DaysOverdue));
        Assert.InRange(f.DistanceKm, 11.0, 11.2);
        Assert.Equal(64, f.Age);
        Assert.Equal((-1.0, (DayOfWeek?)null, (int?)null), (f.LeadTimeDays, f.Weekday, f.Hour));
        Assert.Equal(("Medicaid", "Spanish", "Rural", true), (f.Payer, f.Language, f.Rurality, f.NeedsInterpreter));
    }

    [Fact]
    public void From_GeneratedPractice_OpenGapsOnLooksAWindowApartWithBothOutcomes()
    {
        var looks = practice.DueExams.Select(e => e.Start).Distinct().Order().ToArray();

        // The earliest look's year holds no visits in the generated history (it covers the last two years).
        Assert.InRange(looks.Length, 6, new DueExamOptions().Snapshots);
        Assert.Equal(TrainedPractice.AsOf.AddDays(-90), looks[^1]);
        Assert.All(looks.Zip(looks.Skip(1)), pair => Assert.Equal(90, (pair.Second - pair.First).TotalDays));
        Assert.All(practice.DueExams, e => Assert.Equal(RiskExampleKind.DueExam, e.Features.Kind));
        var missed = practice.DueExams.Count(e => e.Missed);
        Assert.InRange(missed, practice.DueExams.Count / 10, practice.DueExams.Count - (practice.DueExams.Count / 20));
    }

    [Fact]
    public void PredictMissProbability_ADueExamWithAnActiveModel_AProbability()
    {
        var f = DueExamExamples.Describe(Patient, [], [Near], new DateOnly(2026, 2, 1), new DateOnly(2025, 11, 1), "Medicaid", "Spanish", "Rural");

        var p = practice.Trained.Model.PredictMissProbability(f);

        Assert.InRange(p, 0.001, 0.999);
    }
}
