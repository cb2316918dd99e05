using System.CommandLine;
using System.Globalization;
using RadEquity.Data;
using RadEquity.Data.Measures;
using RadEquity.Engine.Measures;
using Spectre.Console;

namespace RadEquity.Cli.Commands;

/// <summary><c>radequity explain PATIENT_ID --measure ID</c>: the evidence behind one patient's outcome.</summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var patient = new Argument<string>("patient-id") { Description = "The FHIR Patient id." };
        var measure = new Option<string>("--measure")
        {
            Description = "The measure id (cms125, breast-uspstf-2024, cms130, lung-uspstf-2021, bi-rads-resolution-60, ...).",
            Required = true,
        };
        var source = new Option<string?>("--source") { Description = "The data source of the patient, when the id exists in several." };
        var db = CommonOptions.Database();
        var evaluation = new EvaluationOptions();
        var command = new Command("explain", "Show why a patient is in the numerator, excluded, or not screened: every criterion and the facts behind it.")
        {
            patient, measure, source, db,
        };
        foreach (var option in evaluation.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            if (evaluation.Resolve(parse, "explain", TimeProvider.System) is not { } settings)
            {
                return 2;
            }

            var measures = MeasureSet.Standard(settings.Codes, settings.MeasureOptions);
            var id = parse.GetValue(measure)!;
            if (measures.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.Ordinal)) is not { } chosen)
            {
                Console.Error.WriteLine($"radequity explain: --measure: unknown measure '{id}'; one of {string.Join(", ", measures.Select(m => m.Id))}.");
                return 2;
            }

            var target = StoreConnection.Parse(CommonOptions.ResolveDatabase(parse.GetValue(db)));
            await target.MigrateAsync(cancellationToken).ConfigureAwait(false);
            var patientId = parse.GetValue(patient)!;
            var load = await PatientRecordReader.ReadAsync(target, settings.Codes,
                PatientSelection.ForPatient(patientId, parse.GetValue(source)), cancellationToken).ConfigureAwait(false);
            var records = load.Patients.Where(p => string.Equals(p.PatientId, patientId, StringComparison.Ordinal)).ToList();
            if (records.Count == 0)
            {
                Console.Error.WriteLine($"radequity explain: no patient '{patientId}' in {target.Description}.");
                return 1;
            }

            if (records.Count > 1)
            {
                Console.Error.WriteLine($"radequity explain: patient '{patientId}' is in several sources ({string.Join(", ", records.Select(r => r.Source))}); choose one with --source.");
                return 2;
            }

            Write(chosen.Explain(records[0], new MeasureContext(settings.Period, settings.Codes, settings.AsOf, settings.MeasureOptions)), chosen, settings);
            return 0;
        });
        return command;
    }

    private static void Write(MeasureOutcome outcome, Measure measure, EvaluationSettings settings)
    {
        var r = outcome.Result;
        var c = CultureInfo.InvariantCulture;
        AnsiConsole.MarkupLine(Markup.Escape($"{measure.Title} — patient {outcome.PatientId}, period {settings.Period}, as of {settings.AsOf.ToString("yyyy-MM-dd", c)}"));
        AnsiConsole.MarkupLine(Markup.Escape(
            $"Initial population: {YesNo(r.InInitialPopulation)}  Denominator: {YesNo(r.InDenominator)}  Excluded: {YesNo(r.IsExcluded)}  Numerator: {YesNo(r.InNumerator)}"));
        if (outcome.Gap is { } gap)
        {
            AnsiConsole.MarkupLine(Markup.Escape($"Care gap: {MeasureCommand.Gap(gap.Status)}, due {gap.DueDate?.ToString("yyyy-MM-dd", c) ?? "-"}: {gap.Why}"));
        }

        var table = new Table().AddColumn("Criterion").AddColumn("Finding").AddColumn("Resource").AddColumn("Date").AddColumn("Detail");
        foreach (var e in outcome.Evidence)
        {
            table.AddRow(Markup.Escape(e.Criterion), e.Role switch
            {
                EvidenceRole.Satisfied => "[green]satisfied[/]",
                EvidenceRole.NotSatisfied => "[yellow]not satisfied[/]",
                EvidenceRole.Absent => "absent",
                _ => "",
            }, Markup.Escape(e.Resource ?? "-"), e.Date is { } d && d != DateOnly.MaxValue ? d.ToString("yyyy-MM-dd", c) : "-", Markup.Escape(e.Detail));
        }

        AnsiConsole.Write(table);
    }

    private static string YesNo(bool value) => value ? "yes" : "no";
}
