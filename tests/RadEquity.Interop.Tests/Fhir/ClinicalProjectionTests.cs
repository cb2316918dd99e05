using RadEquity.Engine.Facts;
using RadEquity.Engine.Ingest;

namespace RadEquity.Interop.Tests.Fhir;

public class ClinicalProjectionTests
{
    private static readonly List<IngestItem> Items = TestData.Read(TestData.File("fhir", "clinical.ndjson")).Items;

    private static ClinicalEvent Event(string id) => TestData.Fact<ClinicalEvent>(Items, id);

    [Fact]
    public void Read_ClinicalSample_NothingQuarantined() => Assert.Empty(Items.OfType<QuarantinedRecord>());

    [Fact]
    public void Project_Encounter_TypeClassPeriodDispositionLocation()
    {
        var e = Event("enc-1");

        Assert.Equal(EventKind.Encounter, e.Kind);
        Assert.Equal("pat-maria", e.PatientId);
        Assert.Equal("32485007", Assert.Single(e.Codes).Code);
        Assert.Equal("IMP", Assert.Single(e.Categories).Code);
        Assert.Equal("home", Assert.Single(e.ValueCodes).Code);
        Assert.Equal(new DateTimeOffset(2025, 2, 1, 8, 0, 0, TimeSpan.FromHours(-8)), e.Start);
        Assert.Equal(new DateTimeOffset(2025, 2, 3, 11, 30, 0, TimeSpan.FromHours(-8)), e.End);
        Assert.Equal("loc-main", e.LocationId);
        Assert.Equal("sr-9", e.BasedOnId);
        Assert.Equal("finished", e.Status);
    }

    [Fact]
    public void Project_Procedure_PerformedBodySitesConditionalLocation()
    {
        var e = Event("proc-mammo");

        Assert.Equal(EventKind.Procedure, e.Kind);
        Assert.Equal(new Coding(Coding.Cpt, "77067"), Assert.Single(e.Codes));
        Assert.Equal(e.Start, e.End);
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 17, 15, 0, TimeSpan.Zero), e.Start);
        Assert.Equal(["80248007", "73056007"], e.BodySiteCodes.Select(c => c.Code));
        Assert.Equal("loc-mobile", e.LocationId);
        Assert.Equal("sr-10", e.BasedOnId);
    }

    [Fact]
    public void Project_ImagingStudy_ModalitiesAndLaterality()
    {
        var e = Event("img-1");

        Assert.Equal(EventKind.ImagingStudy, e.Kind);
        Assert.Equal("24604-1", Assert.Single(e.Codes).Code);
        Assert.Equal(["MG", "US"], e.ValueCodes.Select(c => c.Code));
        Assert.Equal(["76752008", "7771000"], e.BodySiteCodes.Select(c => c.Code));
        Assert.Equal("loc-mobile", e.LocationId);
        Assert.Equal("available", e.Status);
    }

    [Fact]
    public void Project_DiagnosticReport_ConclusionCodeAndCategory()
    {
        var e = Event("dr-1");

        Assert.Equal(EventKind.DiagnosticReport, e.Kind);
        Assert.Equal("RAD", Assert.Single(e.Categories).Code);
        Assert.Equal("397140005", Assert.Single(e.ValueCodes).Code);
        Assert.Equal("final", e.Status);
    }

    [Fact]
    public void Project_ObservationBiRads_ValueCodePeriodPartOf()
    {
        var e = Event("obs-birads");

        Assert.Equal(EventKind.Observation, e.Kind);
        Assert.Equal(new Coding(Coding.Loinc, "LA10579-8"), Assert.Single(e.ValueCodes));
        Assert.Equal("imaging", Assert.Single(e.Categories).Code);
        Assert.Equal("80248007", Assert.Single(e.BodySiteCodes).Code);
        Assert.NotEqual(e.Start, e.End);
        Assert.Equal("img-1", e.BasedOnId);
    }

    [Fact]
    public void Project_ObservationQuantity_ValueAndUnit()
    {
        var e = Event("obs-packyears");

        Assert.Equal(32.5m, e.ValueQuantity);
        Assert.Equal("{pack-years}", e.ValueUnit);
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 0, 0, 0, TimeSpan.Zero), e.Start);
    }

    [Fact]
    public void Project_Condition_OnsetAbatementClinicalStatus()
    {
        var e = Event("cond-1");

        Assert.Equal(EventKind.Condition, e.Kind);
        Assert.Equal("resolved", e.Status);
        Assert.Equal(new DateTimeOffset(2019, 6, 1, 0, 0, 0, TimeSpan.Zero), e.Start);
        Assert.Equal(new DateTimeOffset(2020, 1, 15, 0, 0, 0, TimeSpan.Zero), e.End);
        Assert.Equal("429740004", Assert.Single(e.Codes).Code);
    }

    [Fact]
    public void Project_Medications_CodesDatesAndRequests()
    {
        var request = Event("medrx-1");
        var dispense = Event("meddisp-1");
        var administration = Event("medadm-1");

        Assert.All([request, dispense, administration], e => Assert.Equal(EventKind.Medication, e.Kind));
        Assert.Equal("197361", Assert.Single(request.Codes).Code);
        Assert.Equal(new DateTimeOffset(2024, 9, 1, 9, 0, 0, TimeSpan.Zero), request.Start);
        Assert.Equal("medrx-1", dispense.BasedOnId);
        Assert.Equal(30m, dispense.ValueQuantity);
        Assert.Equal("medrx-2", administration.BasedOnId);
        Assert.Equal(new DateTimeOffset(2025, 3, 12, 9, 2, 0, TimeSpan.Zero), administration.End);
    }

    [Fact]
    public void Project_Devices_RequestAndUseStatement()
    {
        var request = Event("devreq-1");
        var use = Event("devuse-1");

        Assert.Equal(EventKind.Device, request.Kind);
        Assert.Equal("360066001", Assert.Single(request.Codes).Code);
        Assert.Equal(new DateTimeOffset(2025, 1, 5, 0, 0, 0, TimeSpan.Zero), request.Start);
        Assert.Equal(EventKind.Device, use.Kind);
        Assert.Null(use.End);
        Assert.Equal("devreq-1", use.BasedOnId);
        Assert.Equal("80248007", Assert.Single(use.BodySiteCodes).Code);
    }

    [Fact]
    public void Project_ConditionWithoutAbatement_EndIsNull()
    {
        var e = Assert.IsType<ClinicalEvent>(Assert.IsType<ProjectedResource>(TestData.Project(
            """{"resourceType":"Condition","id":"c","subject":{"reference":"Patient/p"},"onsetDateTime":"2020-01-01"}""")).Fact);

        Assert.Null(e.End);
        Assert.Equal("p", e.PatientId);
    }

    [Theory]
    [InlineData("Patient/123", "123")]
    [InlineData("Patient/123/_history/4", "123")]
    [InlineData("https://fhir.example.org/r4/Patient/123", "123")]
    public void Project_PatientReferenceForms_Resolved(string reference, string expected)
    {
        var item = TestData.Project(
            $$$"""{"resourceType":"Procedure","id":"x","status":"completed","subject":{"reference":"{{{reference}}}"}}""");

        Assert.Equal(expected, Assert.IsType<ClinicalEvent>(Assert.IsType<ProjectedResource>(item).Fact).PatientId);
    }
}
