using RadEquity.Engine.Facts;
using RadEquity.Engine.Ingest;

namespace RadEquity.Interop.Tests.Fhir;

public class CoverageAndSchedulingTests
{
    private static readonly List<IngestItem> Coverage = TestData.Read(TestData.File("fhir", "coverage.ndjson")).Items;
    private static readonly List<IngestItem> Scheduling = TestData.Read(TestData.File("fhir", "scheduling.ndjson")).Items;

    [Theory]
    [InlineData("cov-medicare", PayerCategory.Medicare)]
    [InlineData("cov-medicaid", PayerCategory.Medicaid)]
    [InlineData("cov-bcbs", PayerCategory.Private)]
    [InlineData("cov-selfpay", PayerCategory.Uninsured)]
    [InlineData("cov-va", PayerCategory.Other)]
    [InlineData("cov-text", PayerCategory.Private)]
    [InlineData("cov-none", PayerCategory.Unknown)]
    public void Project_Coverage_PayerCategoryFromSoptOrText(string id, PayerCategory expected) =>
        Assert.Equal(expected, TestData.Fact<CoverageFact>(Coverage, id).Category);

    [Fact]
    public void Project_Coverage_BeneficiaryPeriodAndPayer()
    {
        var c = TestData.Fact<CoverageFact>(Coverage, "cov-medicaid");

        Assert.Equal("pat-maria", c.PatientId);
        Assert.Equal(new DateOnly(2022, 1, 1), c.Start);
        Assert.Equal(new DateOnly(2025, 12, 31), c.End);
        Assert.Equal("Medi-Cal", c.PayerName);
        Assert.Equal("active", c.Status);
        Assert.Equal([new Coding(Coding.PaymentTypology, "2")], c.TypeCodes);
    }

    [Theory]
    [InlineData("""{"resourceType":"Coverage","id":"c","beneficiary":{"reference":"Patient/p"},"type":{"coding":[{"system":"https://nahdo.org/sopt","code":"21"}]}}""")]
    [InlineData("""{"id":"c","beneficiary":{"reference":"Patient/p"},"type":{"coding":[{"system":"https://nahdo.org/sopt","code":"21"}]},"resourceType":"Coverage"}""")]
    public void Project_CoverageWithSoptUrl_PayerCategoryFromSopt(string json)
    {
        var fact = Assert.IsType<CoverageFact>(Assert.IsType<ProjectedResource>(TestData.Project(json)).Fact);

        Assert.Equal(PayerCategory.Medicaid, fact.Category);
        Assert.Equal([new Coding(Coding.PaymentTypologyUrl, "21")], fact.TypeCodes);
    }

    [Fact]
    public void Project_Appointment_PatientParticipantLocationAndCodes()
    {
        var a = TestData.Fact<AppointmentFact>(Scheduling, "appt-1");

        Assert.Equal("pat-maria", a.PatientId);
        Assert.Equal("noshow", a.Status);
        Assert.Equal("loc-mobile", a.LocationId);
        Assert.Equal(["310125001", "268547008"], a.ServiceCodes.Select(c => c.Code));
        Assert.Equal(new DateTimeOffset(2025, 4, 2, 9, 0, 0, TimeSpan.FromHours(-7)), a.Start);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.FromHours(-7)), a.Created);
    }

    [Fact]
    public void Project_LocationVehicle_IsMobile()
    {
        var s = TestData.Fact<SiteFact>(Scheduling, "loc-mobile");

        Assert.True(s.IsMobile);
        Assert.Equal("Mobile Mammography Coach 2", s.Name);
        Assert.Equal("93701", s.PostalCode);
        Assert.Equal(36.74, s.Latitude);
        Assert.Equal(-119.78, s.Longitude);
        Assert.Equal("org-valley", s.OrganizationId);
    }

    [Fact]
    public void Project_LocationBuildingAndKind_MobileOnlyForVehicles()
    {
        var building = TestData.Fact<SiteFact>(Scheduling, "loc-main");
        Assert.False(building.IsMobile);
        Assert.Equal("93721", building.PostalCode);
        Assert.True(TestData.Fact<SiteFact>(Scheduling, "loc-kind").IsMobile);
    }

    [Fact]
    public void Project_Organization_KeptWithoutFact()
    {
        var org = Scheduling.OfType<ProjectedResource>().Single(r => r.Key.ResourceType == "Organization");

        Assert.Null(org.Fact);
        Assert.False(org.RawJson.IsEmpty);
    }
}
