using RadEquity.Engine.Facts;
using RadEquity.Engine.Ingest;
using RadEquity.Interop.Csv;
using RadEquity.Interop.Ingest;

namespace RadEquity.Interop.Tests.Csv;

public class CsvReaderTests
{
    private static readonly CsvMapping Mapping = CsvMapping.Load(TestData.File("csv", "ris-mapping.json"));
    private static readonly IngestOptions Options = new() { CsvMapping = Mapping };

    [Fact]
    public void Read_PatientsCsv_ProjectsDemographics()
    {
        var (items, _) = TestData.Read(TestData.File("csv", "patients.csv"));

        var p1 = TestData.Fact<PatientFact>(items, "csv-p1");
        Assert.Equal(new DateOnly(1962, 5, 17), p1.BirthDate);
        Assert.Equal(AdministrativeSex.Female, p1.Sex);
        Assert.Equal([new Coding(Coding.CdcRaceEthnicity, "2106-3"), new Coding(Coding.CdcRaceEthnicity, "2028-9")], p1.RaceCodes);
        Assert.Equal("2186-5", Assert.Single(p1.EthnicityCodes).Code);
        Assert.Equal("02139", p1.PostalCode);
        Assert.False(p1.NeedsInterpreter);
        Assert.Equal(42.3601, p1.Latitude);

        var p2 = TestData.Fact<PatientFact>(items, "csv-p2");
        Assert.Equal("UNK", Assert.Single(p2.EthnicityCodes).Code);
        Assert.Equal(new DateOnly(2025, 1, 9), p2.DeceasedDate);
        Assert.True(p2.NeedsInterpreter);

        Assert.Equal("zh", TestData.Fact<PatientFact>(items, "csv-p6").LanguageCode);
    }

    [Fact]
    public void Read_PatientsCsv_RawIsRowAsJson()
    {
        var (items, _) = TestData.Read(TestData.File("csv", "patients.csv"));

        var raw = System.Text.Encoding.UTF8.GetString(items.OfType<ProjectedResource>().First().RawJson.Span);
        Assert.StartsWith("""{"patient_id":"csv-p1","birth_date":"1962-05-17","sex":"F",""", raw, StringComparison.Ordinal);
        Assert.Equal(new ResourceKey("default", "Patient", "csv-p1"), items.OfType<ProjectedResource>().First().Key);
    }

    [Theory]
    [InlineData(4, "birth_date", "csv-p3", "not a valid date")]
    [InlineData(5, "race", "csv-p4", "neither a CDC code nor an OMB category")]
    [InlineData(6, "patient_id", null, "patient_id is empty")]
    public void Read_PatientsCsvBadRow_QuarantinedWithLineAndColumn(int line, string field, string? id, string reason)
    {
        var path = TestData.File("csv", "patients.csv");
        var (items, _) = TestData.Read(path);

        var q = TestData.Quarantined(items, line);
        Assert.Equal(new RecordLocation(path, line, field), q.Location);
        Assert.Equal(id, q.ResourceId);
        Assert.Equal("Patient", q.ResourceType);
        Assert.Contains(reason, q.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CoverageCsv_CategoryFromSoptCategoryOrPayerName()
    {
        var (items, _) = TestData.Read(TestData.File("csv", "coverage.csv"), Options);

        Assert.Equal(PayerCategory.Medicare, TestData.Fact<CoverageFact>(items, "cov-c1").Category);
        Assert.Equal(PayerCategory.Medicaid, TestData.Fact<CoverageFact>(items, "cov-c2").Category);
        Assert.Equal(PayerCategory.Private, TestData.Fact<CoverageFact>(items, "cov-c3").Category);
        Assert.Equal("Blue Cross Blue Shield of California, PPO", TestData.Fact<CoverageFact>(items, "cov-c3").PayerName);
        Assert.Equal(PayerCategory.Uninsured, TestData.Fact<CoverageFact>(items, "cov-c4").Category);
        Assert.Equal("patient_id", TestData.Quarantined(items, 6).Location.Field);
    }

    [Fact]
    public void Read_MappedExams_ColumnsValuesAndDateFormatsApplied()
    {
        var (items, _) = TestData.Read(TestData.File("csv", "ris-exams.csv"), Options);

        var exam = TestData.Fact<ClinicalEvent>(items, "ACC-1001");
        Assert.Equal(EventKind.Procedure, exam.Kind);
        Assert.Equal(new Coding(Coding.Cpt, "77067"), Assert.Single(exam.Codes));
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 0, 0, 0, TimeSpan.Zero), exam.Start);
        Assert.Equal("completed", exam.Status);
        Assert.Equal("51440002", Assert.Single(exam.BodySiteCodes).Code);

        var result = TestData.Fact<ClinicalEvent>(items, "ACC-1001-result");
        Assert.Equal(EventKind.Observation, result.Kind);
        Assert.Equal(new Coding(Coding.Loinc, "LA10572-3"), Assert.Single(result.ValueCodes));
        Assert.Equal("ACC-1001", result.BasedOnId);
        Assert.Equal("Observation", items.OfType<ProjectedResource>().Single(r => r.Key.ResourceId == "ACC-1001-result").Key.ResourceType);

        Assert.Equal("cancelled", TestData.Fact<ClinicalEvent>(items, "ACC-1005").Status);
    }

    [Fact]
    public void Read_QuotedFieldWithNewlineAndQuotes_OneRecordNextLineNumbersRight()
    {
        var (items, _) = TestData.Read(TestData.File("csv", "ris-exams.csv"), Options);

        var second = items.OfType<ProjectedResource>().Single(r => r.Key.ResourceId == "ACC-1002");
        Assert.Equal(3, second.Location.Line);
        var raw = System.Text.Encoding.UTF8.GetString(second.RawJson.Span);
        Assert.Contains("""Patient said \u0022call me\u0022 before\nthe biopsy""", raw, StringComparison.Ordinal);

        var badDate = TestData.Quarantined(items, 5);
        Assert.Equal("Exam Date", badDate.Location.Field);
        Assert.Equal("ACC-1003", badDate.ResourceId);

        var tooMany = TestData.Quarantined(items, 6);
        Assert.Contains("row has 10 fields, the header has 9", tooMany.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AppointmentsCsv_StatusDatesAndServiceCodes()
    {
        var (items, _) = TestData.Read(TestData.File("csv", "appointments.csv"));

        var a = TestData.Fact<AppointmentFact>(items, "ap-1");
        Assert.Equal("noshow", a.Status);
        Assert.Equal(new Coding(Coding.Snomed, "310125001"), Assert.Single(a.ServiceCodes));
        Assert.Equal(new DateTimeOffset(2025, 4, 2, 9, 0, 0, TimeSpan.FromHours(-5)), a.Start);
        Assert.Equal("site-1", a.LocationId);
        Assert.Equal("patient_id", TestData.Quarantined(items, 4).Location.Field);
    }

    [Fact]
    public void Read_LookupTableCsv_SkippedWithMessage()
    {
        var (items, messages) = TestData.Read(TestData.File("bulk", "zip-ruca.csv"));

        Assert.Empty(items);
        Assert.Contains("not a RadEquity CSV file", Assert.Single(messages), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingRequiredColumn_FileSkippedWithMessage()
    {
        using var folder = TestData.TempFolder();
        var path = folder.File("exams.csv");
        File.WriteAllText(path, "exam_id,code\nE1,77067\n");

        var (items, messages) = TestData.Read(path);

        Assert.Empty(items);
        Assert.Contains("missing required column(s) patient_id", Assert.Single(messages), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnclosedQuote_QuarantinedAtRecordLine()
    {
        using var folder = TestData.TempFolder();
        var path = folder.File("appointments.csv");
        File.WriteAllText(path, "appointment_id,patient_id,status\nap-1,p-1,booked\nap-2,\"p-2,booked\n");

        var (items, _) = TestData.Read(path);

        Assert.Single(items.OfType<ProjectedResource>());
        Assert.Contains("quoted field not closed", TestData.Quarantined(items, 3).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Mapping_Parse_ReadsColumnsValuesAndFileNames()
    {
        Assert.Equal(CsvFileKind.Exams, Mapping.KindOf("/x/ris-exams.csv"));
        Assert.Equal(CsvFileKind.Patients, Mapping.KindOf("/x/2025-patients.csv"));
        Assert.Null(Mapping.KindOf("/x/zip-ruca.csv"));
        Assert.Equal("Accession", Mapping.For(CsvFileKind.Exams).Columns["exam_id"]);
        Assert.Equal(["MM/dd/yyyy"], Mapping.DateFormats);
    }
}
