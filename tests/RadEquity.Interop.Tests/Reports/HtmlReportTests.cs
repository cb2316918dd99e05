using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using RadEquity.Engine.Evaluation;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Reporting;
using RadEquity.Engine.Strata;
using RadEquity.Engine.Terminology;
using RadEquity.Interop.Ingest;
using RadEquity.Interop.Reports;
using RadEquity.Interop.Tests.Synthetic;

namespace RadEquity.Interop.Tests.Reports;

/// <summary>The equity report of a generated population (known disparities), written once as HTML.</summary>
public sealed class HtmlReportFixture
{
    public HtmlReportFixture()
    {
        using var export = new SampleExport(12_000, 23);
        Codes = CodeIndex.Compile(ValueSetCatalog.LoadDefault().All);
        var sink = new PatientRecordSink(Codes);
        IngestRun.RunAsync([export.Directory], new IngestOptions { Source = "synthetic" }, sink).GetAwaiter().GetResult();
        using var ruca = File.OpenText(Path.Combine(export.Directory, AreaLookup.RucaFileName));
        using var adi = File.OpenText(Path.Combine(export.Directory, AreaLookup.DeprivationFileName));
        var measures = MeasureSet.Standard(Codes);
        var period = MeasurementPeriod.ForYear(2025);
        var counts = new Evaluator(measures, Stratifiers.Standard, new MeasureContext(period, Codes, SampleExport.AsOf),
            new StratificationContext(new DateOnly(2025, 12, 31), AreaLookup.Load(ruca, adi))).Run(sink.ToRecords()).Counts;
        Report = EquityReportBuilder.Build(counts, measures, Stratifiers.Standard, period, SampleExport.AsOf);
        Html = HtmlReportTests.Render(Report);
        Document = HtmlReportTests.Parse(Html);
    }

    public CodeIndex Codes { get; }

    public EquityReport Report { get; }

    public string Html { get; }

    public XDocument Document { get; }
}

public sealed partial class HtmlReportTests(HtmlReportFixture fixture) : IClassFixture<HtmlReportFixture>
{
    [Fact]
    public void Write_GeneratedPopulation_IsWellFormedHtml5InEnglish()
    {
        Assert.StartsWith("<!DOCTYPE html>\n", fixture.Html, StringComparison.Ordinal);
        var html = fixture.Document.Root!;
        Assert.Equal("html", html.Name.LocalName);
        Assert.Equal("en", (string?)html.Attribute("lang"));
        Assert.Equal("utf-8", (string?)html.Descendants("meta").First().Attribute("charset"));
        var ids = fixture.Document.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Write_GeneratedPopulation_NamesEveryMeasureAndStandardStratifier()
    {
        var sections = fixture.Document.Descendants("section").Where(s => (string?)s.Attribute("class") == "measure").ToList();
        Assert.Equal(fixture.Report.Measures.Count, sections.Count);
        foreach (var measure in fixture.Report.Measures)
        {
            Assert.Contains(measure.MeasureId, fixture.Html, StringComparison.Ordinal);
            var section = Assert.Single(sections, s => s.Element("h2")!.Value == measure.Title);
            var headings = section.Descendants("h3").Select(h => h.Value).ToList();
            foreach (var stratifier in Stratifiers.Standard)
            {
                Assert.Contains($"{measure.Title} by {stratifier.Name}", headings);
            }
        }
    }

    [Fact]
    public void Write_GeneratedPopulation_CompletenessComesBeforeAnyMeasureOrChart()
    {
        var completeness = fixture.Html.IndexOf("<section id=\"completeness\"", StringComparison.Ordinal);
        var firstMeasure = fixture.Html.IndexOf("<section class=\"measure\"", StringComparison.Ordinal);
        var firstChart = fixture.Html.IndexOf("<svg", StringComparison.Ordinal);

        Assert.InRange(completeness, 0, firstMeasure - 1);
        Assert.InRange(completeness, 0, firstChart - 1);
        var table = Section("completeness").Descendants("table").Single();
        Assert.Equal(["Field", "All sources"], table.Descendants("thead").Descendants("th").Select(th => th.Value));
        Assert.Contains(table.Descendants("th"), th => th.Value == "Race unknown" && (string?)th.Attribute("scope") == "row");
    }

    [Fact]
    public void Write_GeneratedPopulation_ListsUninsuredMammographyFinding()
    {
        var payer = fixture.Report.Measures.Single(m => m.MeasureId == "breast-uspstf-2024").Stratifiers.Single(s => s.StratifierId == "payer");
        var finding = Assert.Single(payer.Findings, f => f.StartsWith("Uninsured/self-pay (Payer): women were screened at", StringComparison.Ordinal));

        var items = StratifierSection("breast-uspstf-2024", "payer").Descendants("ul")
            .Single(u => (string?)u.Attribute("class") == "findings").Elements("li").Select(li => li.Value);
        Assert.Contains(finding, items);
    }

    [Fact]
    public void Write_GeneratedPopulation_PayerChartHasOnePointPerCategoryWithEligiblePatients()
    {
        var measure = fixture.Report.Measures.Single(m => m.MeasureId == "cms125");
        var expected = measure.Stratifiers.Single(s => s.StratifierId == "payer").Rows.Where(r => r.Eligible > 0).Select(r => r.Category).ToList();
        var svg = StratifierSection("cms125", "payer").Descendants("svg").Single();

        var points = svg.Descendants().Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains("pt") == true).ToList();

        Assert.True(expected.Count >= 4, $"only {expected.Count} payer groups");
        Assert.Equal(expected, points.Select(p => (string)p.Attribute("data-category")!));
        Assert.Single(points, p => ((string)p.Attribute("class")!).Contains("reference", StringComparison.Ordinal));
        Assert.Equal("img", (string?)svg.Attribute("role"));
        var labelled = ((string)svg.Attribute("aria-labelledby")!).Split(' ');
        Assert.Equal([svg.Element("title")!.Attribute("id")!.Value, svg.Element("desc")!.Attribute("id")!.Value], labelled);
        Assert.Contains("Uninsured/self-pay", svg.Element("desc")!.Value, StringComparison.Ordinal);
        Assert.Single(svg.Elements("line"), l => (string?)l.Attribute("class") == "refline");
    }

    [Fact]
    public void Write_CrossStratifier_ChartHeightGrowsWithItsRows()
    {
        var measure = fixture.Report.Measures.Single(m => m.MeasureId == "cms125");
        var cross = measure.Stratifiers.Single(s => s.StratifierId == "race-ethnicity-x-payer").Rows.Count(r => r.Eligible > 0);
        var payer = measure.Stratifiers.Single(s => s.StratifierId == "payer").Rows.Count(r => r.Eligible > 0);
        var crossSection = StratifierSection("cms125", "race-ethnicity-x-payer");

        Assert.True(cross > 2 * payer, $"{cross} cross rows, {payer} payer rows");
        Assert.Equal(cross, crossSection.Descendants("tbody").Single().Elements("tr").Count());
        Assert.Equal((cross - payer) * 22, Height(crossSection) - Height(StratifierSection("cms125", "payer")), 3);
    }

    [Fact]
    public void Write_RowsWithoutEligiblePatients_CrossLeavesThemOutOthersListThemWithoutAPoint()
    {
        var counts = EvaluationCounts.FromCells(
        [
            new(new StratumKey("cms125", StratumKey.Overall, StratumKey.Overall), Cell(300, 180)),
            new(new StratumKey("cms125", "payer", "Private"), Cell(200, 150)),
            new(new StratumKey("cms125", "payer", "Medicaid"), Cell(100, 30)),
            new(new StratumKey("cms125", "payer", "Medicare"), StratumCounts.FromValues(4, 4, 4, 0, 0, 0, 0, null)),
            new(new StratumKey("cms125", "race-ethnicity-x-payer", "White × Private"), Cell(200, 150)),
            new(new StratumKey("cms125", "race-ethnicity-x-payer", "White × Medicaid"), Cell(100, 30)),
            new(new StratumKey("cms125", "race-ethnicity-x-payer", "Asian × Medicare"), StratumCounts.FromValues(4, 4, 4, 0, 0, 0, 0, null)),
        ], 304);
        var measures = MeasureSet.Standard(fixture.Codes).Where(m => m.Id == "cms125").ToList();
        var report = EquityReportBuilder.Build(counts, measures, [Stratifiers.Payer, Stratifiers.RaceEthnicityByPayer],
            MeasurementPeriod.ForYear(2025), new DateOnly(2026, 1, 1));

        var sections = Parse(Render(report)).Descendants("section").Where(s => (string?)s.Attribute("class") == "stratifier").ToList();

        Assert.Equal(["Medicare", "Medicaid", "Private"], RowHeaders(sections[0]));
        Assert.Equal(["Medicaid", "Private"], Points(sections[0]));
        Assert.Equal(["White × Medicaid", "White × Private"], RowHeaders(sections[1]));
        Assert.Equal(["White × Medicaid", "White × Private"], Points(sections[1]));
        Assert.Contains("1 combination without eligible patients not shown.", sections[1].Value, StringComparison.Ordinal);

        static IEnumerable<string> RowHeaders(XElement section) =>
            section.Descendants("tbody").Single().Elements("tr").Select(tr => tr.Element("th")!.Value.Split(" (")[0]);

        static IEnumerable<string> Points(XElement section) =>
            section.Descendants("svg").Single().Descendants().Select(e => (string?)e.Attribute("data-category")).OfType<string>();
    }

    [Fact]
    public void Write_GeneratedPopulation_HeadingsTablesAndChartsAreAccessible()
    {
        var levels = fixture.Document.Descendants().Where(e => e.Name.LocalName is ['h', >= '1' and <= '6'])
            .Select(e => e.Name.LocalName[1] - '0').ToList();
        Assert.Equal(1, levels.Count(l => l == 1));
        Assert.Equal(1, levels[0]);
        Assert.All(levels.Zip(levels.Skip(1)), pair => Assert.True(pair.Second <= pair.First + 1, $"h{pair.First} then h{pair.Second}"));
        Assert.All(fixture.Document.Descendants("table"), t => Assert.Equal("caption", t.Elements().First().Name.LocalName));
        Assert.All(fixture.Document.Descendants("th"), th => Assert.True((string?)th.Attribute("scope") is "row" or "col", th.Value));
        Assert.All(fixture.Document.Descendants("svg"), svg =>
        {
            Assert.Equal("img", (string?)svg.Attribute("role"));
            Assert.NotEmpty(svg.Element("title")!.Value);
            Assert.NotEmpty(svg.Element("desc")!.Value);
        });
        var skip = fixture.Document.Descendants("body").Single().Elements().First();
        Assert.Equal("#main", (string?)skip.Attribute("href"));
        Assert.Single(fixture.Document.Descendants("main"), m => (string?)m.Attribute("id") == "main");
        Assert.Contains(HtmlReport.InternalUseNotice, fixture.Document.Descendants("header").Single().Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_GeneratedPopulation_ReferencesNothingOutsideTheFile()
    {
        Assert.DoesNotMatch(ExternalReference(), fixture.Html);
        Assert.DoesNotContain("http://", fixture.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", fixture.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(fixture.Document.Descendants(), e => e.Name.LocalName is "script" or "link" or "img" or "iframe" or "object");
        Assert.DoesNotContain("url(", fixture.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", fixture.Html, StringComparison.Ordinal);
        Assert.All(fixture.Document.Descendants("a"), a => Assert.StartsWith("#", (string?)a.Attribute("href"), StringComparison.Ordinal));
    }

    [Fact]
    public void Write_OrderedAndUnorderedStratifiers_ShowTheirSummaryMeasures()
    {
        var deprivation = StratifierSection("cms125", "deprivation").Value;
        var payer = StratifierSection("cms125", "payer").Value;

        Assert.Contains("Slope index of inequality (SII)", deprivation, StringComparison.Ordinal);
        Assert.Contains("Relative index of inequality (RII)", deprivation, StringComparison.Ordinal);
        Assert.Contains("Concentration index", deprivation, StringComparison.Ordinal);
        Assert.DoesNotContain("Slope index", payer, StringComparison.Ordinal);
        foreach (var term in new[] { "Index of disparity", "Between-group variance", "Theil index", "Mean log deviation", "Population attributable gap" })
        {
            Assert.Contains(term, payer, StringComparison.Ordinal);
        }

        var gap = fixture.Report.Measures.Single(m => m.MeasureId == "cms125").Stratifiers.Single(s => s.StratifierId == "payer")
            .Summary!.PopulationAttributableGapPeople!.Value;
        Assert.Contains($"{gap.ToString("N0", CultureInfo.InvariantCulture)} people more would have been screened", payer, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_FollowUpMeasure_ShowsDaysToResolution()
    {
        var measure = fixture.Report.Measures.First(m => m.IsFollowUp);
        var section = StratifierSection(measure.MeasureId, "payer");

        Assert.Contains("Median days to resolution", section.Descendants("th").Select(th => th.Value));
        Assert.Contains("90th percentile days", section.Descendants("th").Select(th => th.Value));
        Assert.Contains($"<dt>Median days to resolution</dt><dd>{measure.Overall.MedianDaysToResolution}</dd>", fixture.Html, StringComparison.Ordinal);
        Assert.Contains("CT colonography share", MeasureSection("cms130").Element("dl")!.Elements("dt").Select(dt => dt.Value));
    }

    [Fact]
    public void Write_SameReportTwice_GivesTheSameText()
    {
        Assert.Equal(fixture.Html, Render(fixture.Report));
    }

    [Fact]
    public void Write_CategoryWithMarkup_IsEncoded()
    {
        const string Hostile = "<script>alert(\"x\")</script> & 'Co'";
        var counts = EvaluationCounts.FromCells(
        [
            new(new StratumKey("cms125", StratumKey.Overall, StratumKey.Overall), Cell(300, 180)),
            new(new StratumKey("cms125", "payer", "Private"), Cell(200, 150)),
            new(new StratumKey("cms125", "payer", Hostile), Cell(100, 30)),
        ], 300);
        var measures = MeasureSet.Standard(fixture.Codes).Where(m => m.Id == "cms125").ToList();
        var report = EquityReportBuilder.Build(counts, measures, [Stratifiers.Payer], MeasurementPeriod.ForYear(2025), new DateOnly(2026, 1, 1));

        var html = Render(report);
        var document = Parse(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;", html, StringComparison.Ordinal);
        Assert.Contains(document.Descendants("th"), th => th.Value.StartsWith(Hostile, StringComparison.Ordinal));
        Assert.Contains(document.Descendants("li"), li => li.Value.StartsWith(Hostile + " (Payer): women were screened at 30%", StringComparison.Ordinal));
        Assert.Equal(2, document.Descendants("svg").Single().Descendants().Count(e => (string?)e.Attribute("data-category") is not null));
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(8, false)]
    public void Write_MissingRace_WarnsFromTheThreshold(long unknownRace, bool warns)
    {
        var completeness = CompletenessReport.Create(
        [
            new("ehr", new CompletenessCounts(50, unknownRace / 2, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
            new("ris", new CompletenessCounts(50, unknownRace - unknownRace / 2, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
        ]);
        var counts = EvaluationCounts.FromCells([], 100, completeness);
        var report = EquityReportBuilder.Build(counts, [], [], MeasurementPeriod.ForYear(2025), new DateOnly(2026, 1, 1));

        var document = Parse(Render(report));
        var section = document.Descendants("section").Single(s => (string?)s.Attribute("id") == "completeness");

        Assert.Equal(["Field", "All sources", "ehr", "ris"], section.Descendants("thead").Descendants("th").Select(th => th.Value));
        var warning = $"Overall, race is unknown or declined for {unknownRace}.0% of patients ({unknownRace} of 100)";
        Assert.Equal(warns, section.Descendants("li").Any(li => li.Value.StartsWith(warning, StringComparison.Ordinal)));
        Assert.Equal(warns, section.Descendants("span").Any(s => s.Value == "high"));
    }

    private static StratumCounts Cell(long eligible, long numerator) =>
        StratumCounts.FromValues(eligible, eligible, 0, numerator, 0, eligible - numerator, 0, null);

    internal static string Render(EquityReport report, HtmlReportOptions? options = null)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        HtmlReport.Write(report, writer, options);
        return writer.ToString();
    }

    internal static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    private XElement MeasureSection(string measureId) => fixture.Document.Descendants("section")
        .Single(s => (string?)s.Attribute("class") == "measure" && s.Element("dl")!.Elements("dd").First().Value == measureId);

    private XElement StratifierSection(string measureId, string stratifierId)
    {
        var title = fixture.Report.Measures.Single(m => m.MeasureId == measureId).Title;
        var name = Stratifiers.Find(stratifierId)!.Name;
        return MeasureSection(measureId).Elements("section").Single(s => s.Element("h3")!.Value == $"{title} by {name}");
    }

    private XElement Section(string id) => fixture.Document.Descendants().Single(e => (string?)e.Attribute("id") == id);

    private static double Height(XElement section) =>
        double.Parse((string)section.Descendants("svg").Single().Attribute("height")!, CultureInfo.InvariantCulture);

    [GeneratedRegex("""(?:src|href)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
