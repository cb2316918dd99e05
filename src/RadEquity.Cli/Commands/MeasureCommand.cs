using System.CommandLine;
using System.Globalization;
using System.Text;
using RadEquity.Data;
using RadEquity.Data.Measures;
using RadEquity.Engine.Evaluation;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Statistics;
using RadEquity.Engine.Strata;
using Spectre.Console;

namespace RadEquity.Cli.Commands;

/// <summary><c>radequity measure</c>: evaluates every measure over the store, stores the run (outcomes per patient and
/// counts per stratum) and prints a summary.</summary>
internal static class MeasureCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Database();
        var evaluation = new EvaluationOptions();
        var outcomes = new Option<FileInfo?>("--outcomes")
        {
            Description = "Also write one CSV row per patient and measure (patient id, measure, populations, gap status, due date).",
        };
        var command = new Command("measure", "Evaluate the screening and follow-up measures by stratum and store the run.") { db, outcomes };
        foreach (var option in evaluation.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            if (evaluation.Resolve(parse, "measure", TimeProvider.System) is not { } settings)
            {
                return 2;
            }

            var target = StoreConnection.Parse(CommonOptions.ResolveDatabase(parse.GetValue(db)));
            return await RunAsync(target, settings, parse.GetValue(outcomes), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(StoreTarget target, EvaluationSettings settings, FileInfo? outcomesFile, CancellationToken cancellationToken)
    {
        Console.Out.WriteLine($"Store: {target.Description}");
        try
        {
            await target.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException e)
        {
            Console.Error.WriteLine($"radequity measure: cannot open the store ({target.Description}): {e.Message}");
            return 1;
        }

        var c = CultureInfo.InvariantCulture;
        var result = await StoreEvaluation.RunAsync(target, new StoreEvaluationRequest(settings.Period, settings.AsOf, settings.Codes,
            settings.ValueSetSource, settings.Areas, settings.MeasureOptions), TimeProvider.System, cancellationToken).ConfigureAwait(false);
        Console.Out.WriteLine(string.Create(c,
            $"Read {result.Load.Patients:N0} patients and {result.Load.EventsKept:N0} events {(result.Load.FromSnapshot ? "from the fact snapshot" : "from the fact tables")}, evaluated {result.Measures.Count} measures x {Stratifiers.Standard.Count} stratifiers in {result.Elapsed.TotalSeconds:F1} s."));
        if (result.Refresh is { Patients: > 0 } refresh)
        {
            Console.Out.WriteLine(string.Create(c,
                $"The fact snapshot was {(refresh.Rebuilt ? "rebuilt" : "updated")} first: {refresh.Patients:N0} patients in {refresh.Elapsed.TotalSeconds:F1} s (included)."));
        }


        WriteSummary(result.RunId, settings, result.Measures, result.Counts);
        if (outcomesFile is not null)
        {
            WriteOutcomes(outcomesFile.FullName, result);
            Console.Out.WriteLine($"Outcomes: {outcomesFile.FullName}");
        }

        return 0;
    }

    private static void WriteSummary(long runId, EvaluationSettings settings, IReadOnlyList<Measure> measures, EvaluationCounts counts)
    {
        var c = CultureInfo.InvariantCulture;
        var table = new Table()
            .Title(string.Create(c, $"Measure run {runId}: period {settings.Period}, as of {settings.AsOf:yyyy-MM-dd}, {counts.Patients:N0} patients"))
            .AddColumn("Measure").AddColumn(new TableColumn("Initial pop.").RightAligned()).AddColumn(new TableColumn("Excluded").RightAligned())
            .AddColumn(new TableColumn("Eligible").RightAligned()).AddColumn(new TableColumn("Numerator").RightAligned())
            .AddColumn(new TableColumn("Rate (95% CI)").RightAligned()).AddColumn(new TableColumn("Open gaps").RightAligned());
        foreach (var measure in measures)
        {
            var o = counts.Overall(measure.Id);
            var interval = ConfidenceIntervals.Wilson(new Proportion(o.Numerator, o.Eligible), ConfidenceLevel.NinetyFive);
            var rate = o.Eligible == 0 ? "n/a" : string.Create(c, $"{o.Rate:P1} ({interval.Lower:P1}-{interval.Upper:P1})");
            table.AddRow(Markup.Escape(measure.Id), o.InitialPopulation.ToString("N0", c), o.Exclusions.ToString("N0", c),
                o.Eligible.ToString("N0", c), o.Numerator.ToString("N0", c), rate, o.OpenGaps.ToString("N0", c));
        }

        AnsiConsole.Write(table);
        var completeness = counts.Completeness.Overall;
        if (completeness.Patients > 0)
        {
            AnsiConsole.MarkupLine(Markup.Escape(string.Create(c,
                $"Completeness: race unknown/declined {Share(completeness.RaceUnknown + completeness.RaceDeclined, completeness.Patients)}, language missing {Share(completeness.LanguageMissing, completeness.Patients)}, payer missing {Share(completeness.PayerMissing, completeness.Patients)}, ZIP missing {Share(completeness.ZipMissing, completeness.Patients)}.")));
        }

        AnsiConsole.MarkupLine(Markup.Escape($"Value sets: {settings.ValueSetSource}. Report: radequity report --out report.html"));
    }

    private static string Share(long count, long total) => ((double)count / total).ToString("P1", CultureInfo.InvariantCulture);

    /// <summary>
    /// Writes one CSV row per patient and measure (zeros for a patient outside a measure's initial population), through
    /// a temporary file and a rename: an interrupted write leaves no partial file.
    /// </summary>
    private static void WriteOutcomes(string path, StoreEvaluationResult result)
    {
        var temporary = path + ".tmp";
        var outcomes = result.Outcomes;
        var next = 0;
        using (var writer = new StreamWriter(temporary, false, new UTF8Encoding(false)))
        {
            writer.WriteLine("patient_id,source,measure_id,initial_population,denominator,exclusion,numerator,gap_status,due_date");
            foreach (var (source, patientId) in result.Patients)
            {
                foreach (var measure in result.Measures)
                {
                    // Outcomes come in patient order and, within a patient, in measure order.
                    var r = MeasureResult.NotApplicable;
                    if (next < outcomes.Count && outcomes[next].MeasureId == measure.Id && outcomes[next].PatientId == patientId
                        && outcomes[next].Source == source)
                    {
                        r = outcomes[next++].Result;
                    }

                    writer.Write(Csv(patientId));
                    writer.Write(',');
                    writer.Write(Csv(source));
                    writer.Write(',');
                    writer.Write(measure.Id);
                    writer.Write(string.Create(CultureInfo.InvariantCulture,
                        $",{Bit(r.InInitialPopulation)},{Bit(r.InDenominator)},{Bit(r.IsExcluded)},{Bit(r.InNumerator)},{Gap(r.Gap)},{r.DueDate:yyyy-MM-dd}"));
                    writer.WriteLine();
                }
            }
        }

        if (next != outcomes.Count)
        {
            throw new InvalidOperationException("The outcomes are not in patient and measure order.");
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static int Bit(bool value) => value ? 1 : 0;

    internal static string Gap(GapStatus status) => status switch
    {
        GapStatus.Open => "open-gap",
        GapStatus.Closed => "closed-gap",
        GapStatus.Prospective => "prospective-gap",
        GapStatus.None => "",
        _ => "",
    };

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
