using RadEquity.Engine.Facts;
using RadEquity.Engine.Strata;

namespace RadEquity.Risk.Tests;

public class NoShowExamplesTests
{
    private static readonly DateTimeOffset AsOf = new(2025, 12, 31, 0, 0, 0, TimeSpan.Zero);

    // Home in the centre of Albuquerque; the site 0.1 degree of latitude north (about 11.1 km).
    private static readonly PatientFact Patient = new("p1", new DateOnly(1960, 6, 15), AdministrativeSex.Female, "F", [], [],
        "es", NeedsInterpreter: true, "87101", "NM", 35.0, -106.6, null);

    private static readonly SiteFact Site = new("site-1", "Main", false, "87102", 35.1, -106.6, null);

    private static readonly CoverageFact Medicaid = new("p1", PayerCategory.Medicaid, [], "active", new DateOnly(2020, 1, 1), null, null);

    [Fact]
    public void From_History_OneExamplePerKeptOrMissedPastAppointmentInStartOrder()
    {
        var examples = NoShowExamples.From(History(
            Appointment("noshow", Day(2025, 3, 3, 9), Day(2025, 2, 1, 12)),
            Appointment("cancelled", Day(2025, 3, 10, 9), Day(2025, 3, 4, 12)),
            Appointment("fulfilled", Day(2025, 5, 5, 14), Day(2025, 4, 20, 12)),
            Appointment("noshow", Day(2025, 4, 7, 10), Day(2025, 3, 20, 12)),
            Appointment("booked", Day(2026, 2, 2, 9), Day(2025, 12, 1, 12)),
            Appointment("fulfilled", Day(2026, 1, 5, 9), Day(2025, 12, 1, 12))), AsOf);

        Assert.Equal([Day(2025, 3, 3, 9), Day(2025, 4, 7, 10), Day(2025, 5, 5, 14)], examples.Select(e => e.Start));
        Assert.Equal([true, true, false], examples.Select(e => e.Missed));
    }

    [Fact]
    public void From_History_PriorNoShowsCountOnlyAppointmentsThatStartedBefore()
    {
        var examples = NoShowExamples.From(History(
            Appointment("noshow", Day(2025, 3, 3, 9), Day(2025, 2, 1, 12)),
            Appointment("cancelled", Day(2025, 3, 10, 9), Day(2025, 3, 4, 12)),
            Appointment("noshow", Day(2025, 4, 7, 10), Day(2025, 3, 20, 12)),
            Appointment("fulfilled", Day(2025, 5, 5, 14), Day(2025, 4, 20, 12))), AsOf);

        Assert.Equal([0, 1, 2], examples.Select(e => e.Features.PriorAppointments));
        Assert.Equal([0, 1, 2], examples.Select(e => e.Features.PriorNoShows));
        Assert.Equal([0, 1, 1], examples.Select(e => e.Features.PriorNoShowRate));
    }

    [Fact]
    public void From_LaterOutcomeChanges_EarlierExamplesAreIdentical()
    {
        var early = Appointment("fulfilled", Day(2025, 3, 3, 9), Day(2025, 2, 1, 12));
        var kept = NoShowExamples.From(History(early, Appointment("fulfilled", Day(2025, 6, 2, 9), Day(2025, 5, 1, 12))), AsOf);
        var missed = NoShowExamples.From(History(early, Appointment("noshow", Day(2025, 6, 2, 9), Day(2025, 5, 1, 12))), AsOf);

        Assert.Equal(kept[0].Features, missed[0].Features);
        Assert.NotEqual(kept[1].Missed, missed[1].Missed);
    }

    [Fact]
    public void From_SameStartTwice_NeitherCountsTheOther()
    {
        var examples = NoShowExamples.From(History(
            Appointment("noshow", Day(2025, 3, 3, 9), Day(2025, 2, 1, 12)),
            Appointment("fulfilled", Day(2025, 3, 3, 9), Day(2025, 2, 1, 12))), AsOf);

        Assert.All(examples, e => Assert.Equal(0, e.Features.PriorAppointments));
    }

    [Fact]
    public void Describe_Appointment_ComputesLeadTimeDistanceAgeTimeAndCategories()
    {
        var appointment = Appointment("fulfilled", Day(2025, 5, 5, 14), Day(2025, 4, 20, 2));

        var f = NoShowExamples.Describe(appointment, Patient, [Medicaid], [appointment],
            NoShowExamples.SitesById([Site]), AreaLookup.Empty);

        Assert.Equal(15.5, f.LeadTimeDays, 6);
        Assert.Equal(11.12, f.DistanceKm, 1);
        Assert.Equal(64, f.Age);
        Assert.Equal(DayOfWeek.Monday, f.Weekday);
        Assert.Equal(14, f.Hour);
        Assert.Equal("Medicaid", f.Payer);
        Assert.Equal("Needs interpreter", f.Language);
        Assert.True(f.NeedsInterpreter);
        Assert.Equal(Stratifier.Unknown, f.Rurality);
    }

    [Fact]
    public void Describe_RucaTableLoaded_ReadsRuralityOfTheHomeZip()
    {
        var areas = AreaLookup.Load(new StringReader("zip,ruca\n87101,7\n"), null);
        var appointment = Appointment("fulfilled", Day(2025, 5, 5, 14), null);

        var f = NoShowExamples.Describe(appointment, Patient with { Latitude = null }, [], [appointment],
            NoShowExamples.SitesById([Site]), areas);

        Assert.Equal("Rural", f.Rurality);
        Assert.Equal(-1, f.LeadTimeDays);
        Assert.Equal(-1, f.DistanceKm);
        Assert.Equal(Stratifier.Unknown, f.Payer);
    }

    [Fact]
    public void From_Examples_CarryTheFairnessGroupsButNotRaceAsAModelFeatureByDefault()
    {
        var patient = Patient with { RaceCodes = [new Coding(Coding.CdcRaceEthnicity, "2054-5")] };
        var history = new AppointmentHistory([patient], [Medicaid], [Appointment("noshow", Day(2025, 3, 3, 9), null)], [Site], AreaLookup.Empty);

        var example = Assert.Single(NoShowExamples.From(history, AsOf));

        Assert.Equal(["race-ethnicity", "payer", "language"], example.Groups.Keys);
        Assert.Equal("Medicaid", example.Groups["payer"]);
        Assert.Equal(Stratifiers.RaceEthnicity.Categorize(patient, [], new StratificationContext(new DateOnly(2025, 3, 3), AreaLookup.Empty)),
            example.Groups["race-ethnicity"]);
    }

    private static AppointmentHistory History(params AppointmentFact[] appointments) =>
        new([Patient], [Medicaid], appointments, [Site], AreaLookup.Empty);

    private static AppointmentFact Appointment(string status, DateTimeOffset start, DateTimeOffset? created) =>
        new("p1", status, [], start, start.AddMinutes(30), created, Site.LocationId);

    private static DateTimeOffset Day(int y, int m, int d, int hour) => new(y, m, d, hour, 0, 0, TimeSpan.Zero);
}
