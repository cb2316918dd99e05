using System.CommandLine;
using System.Text;
using RadEquity.Data;
using RadEquity.Data.Measures;
using RadEquity.Engine.Disclosure;
using RadEquity.Engine.Reporting;
using RadEquity.Engine.Statistics;
using RadEquity.Engine.Strata;
using RadEquity.Interop.Fhir;
using RadEquity.Interop.Reports;

namespace RadEquity.Cli.Commands;

/// <summary><c>radequity report</c>: the equity report (self-contained HTML) and FHIR MeasureReports of a stored run.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Database();
        var output = new Option<FileInfo?>("--out") { Description = "Write the HTML report here (self-contained, for use inside the practice)." };
        var measureReports = new Option<DirectoryInfo?>("--measure-reports")
        {
            Description = "Write one FHIR MeasureReport (summary) per measure into this folder.",
        };
        var deidentified = new Option<bool>("--deidentified")
        {
            Description = "Pass the MeasureReports through the small-cell gate (counts 1-10 suppressed, with complementary suppression): for anything leaving the practice.",
        };
        var run = new Option<long?>("--run") { Description = "The measure run to report; default: the latest completed run." };
        var level = StatisticsOptions.Level();
        var interval = StatisticsOptions.Interval();
        var reference = new Option<string[]>("--reference")
        {
            Description = "Reference group per stratifier, as STRATIFIER=CATEGORY (e.g. payer=Private); default: the best group.",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("report", "Write the equity report of a measure run as HTML, and FHIR MeasureReports.")
        {
            db, output, measureReports, deidentified, run, level, interval, reference,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var html = parse.GetValue(output);
            var fhir = parse.GetValue(measureReports);
            if (html is null && fhir is null)
            {
                Console.Error.WriteLine("radequity report: give --out FILE.html and/or --measure-reports FOLDER.");
                return 2;
            }

            ReportOptions options;
            try
            {
                options = new ReportOptions
                {
                    Level = ConfidenceLevel.FromPercent(parse.GetValue(level)),
                    Method = parse.GetValue(interval),
                    ReferenceGroups = ParseReferences(parse.GetValue(reference) ?? []),
                };
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                Console.Error.WriteLine("radequity report: " + e.Message);
                return 2;
            }

            var target = StoreConnection.Parse(CommonOptions.ResolveDatabase(parse.GetValue(db)));
            await target.MigrateAsync(cancellationToken).ConfigureAwait(false);
            var completed = await new MeasureRunStore(target, TimeProvider.System)
                .ReadCompletedAsync(parse.GetValue(run), cancellationToken).ConfigureAwait(false);
            if (completed is null)
            {
                Console.Error.WriteLine("radequity report: no completed measure run in the store; run 'radequity measure' first.");
                return 1;
            }

            var (chosen, counts) = (completed.Run, completed.Counts);
            var measures = completed.Measures;
            var period = chosen.Definition.Period;

            if (html is not null)
            {
                var report = EquityReportBuilder.Build(counts, measures, Stratifiers.Standard, period, chosen.Definition.AsOf, options);
                var temporary = html.FullName + ".tmp";
                await using (var writer = new StreamWriter(temporary, false, new UTF8Encoding(false)))
                {
                    HtmlReport.Write(report, writer);
                }

                File.Move(temporary, html.FullName, overwrite: true);
                Console.Out.WriteLine($"Report of run {chosen.Id}: {html.FullName}");
            }

            if (fhir is not null)
            {
                fhir.Create();
                var generated = TimeProvider.System.GetUtcNow();
                foreach (var measure in measures)
                {
                    var resource = parse.GetValue(deidentified)
                        ? MeasureReportWriter.CreateDeidentified(measure,
                            SmallCellGate.Disclose(MeasureReportWriter.ToRelease(measure, counts, Stratifiers.Standard)), period, generated)
                        : MeasureReportWriter.Create(measure, counts, Stratifiers.Standard, period, generated);
                    var path = Path.Combine(fhir.FullName, $"MeasureReport-{measure.Id}.json");
                    await File.WriteAllTextAsync(path + ".tmp", MeasureReportWriter.ToJson(resource), cancellationToken).ConfigureAwait(false);
                    File.Move(path + ".tmp", path, overwrite: true);
                }

                Console.Out.WriteLine($"{measures.Count} MeasureReports of run {chosen.Id}{(parse.GetValue(deidentified) ? " (de-identified)" : "")}: {fhir.FullName}");
            }

            return 0;
        });
        return command;
    }

    private static Dictionary<string, string> ParseReferences(string[] pairs)
    {
        var references = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || Stratifiers.Find(pair[..equals]) is null)
            {
                throw new FormatException($"--reference: '{pair}' is not STRATIFIER=CATEGORY with a known stratifier ({string.Join(", ", Stratifiers.Standard.Select(s => s.Id))}).");
            }

            references[pair[..equals]] = pair[(equals + 1)..];
        }

        return references;
    }
}
