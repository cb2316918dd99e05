using System.CommandLine;
using System.Globalization;
using RadEquity.Data;
using RadEquity.Engine.Ingest;
using RadEquity.Interop.Csv;
using RadEquity.Interop.Ingest;
using Spectre.Console;

namespace RadEquity.Cli.Commands;

/// <summary><c>radequity ingest PATH...</c>: FHIR NDJSON (plain or gzip), Bundles, Bulk Data manifests and CSV into the store.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files, folders or Bulk Data manifests (.ndjson, .ndjson.gz, .json, .csv).",
            Arity = ArgumentArity.OneOrMore,
        };
        var db = CommonOptions.Database();
        var source = new Option<string>("--source")
        {
            Description = "Name of the data source the records are keyed under.",
            DefaultValueFactory = _ => "default",
        };
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "Records per transaction.",
            DefaultValueFactory = _ => 5000,
        };
        var mapping = new Option<FileInfo?>("--csv-mapping")
        {
            Description = "Column-mapping file (JSON) for CSV exports whose columns differ from the documented layout.",
        };

        var command = new Command("ingest", "Load FHIR R4 (NDJSON, Bundles, Bulk Data) and CSV exports into the store.")
        {
            paths, db, source, batchSize, mapping,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = StoreConnection.Parse(CommonOptions.ResolveDatabase(parse.GetValue(db)));
            CsvMapping? csvMapping;
            try
            {
                csvMapping = parse.GetValue(mapping) is { } file ? CsvMapping.Load(file.FullName) : null;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or System.Text.Json.JsonException)
            {
                Console.Error.WriteLine("radequity ingest: --csv-mapping: " + e.Message);
                return 2;
            }

            if (parse.GetValue(batchSize) < 1)
            {
                Console.Error.WriteLine("radequity ingest: --batch-size must be at least 1.");
                return 2;
            }

            var options = new IngestOptions
            {
                Source = parse.GetValue(source)!,
                BatchSize = parse.GetValue(batchSize),
                CsvMapping = csvMapping,
            };
            return await RunAsync(parse.GetValue(paths)!, target, options, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(string[] paths, StoreTarget target, IngestOptions options, CancellationToken cancellationToken)
    {
        var missing = paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            Console.Error.WriteLine("radequity ingest: not found: " + string.Join(", ", missing));
            return 2;
        }

        Console.Out.WriteLine($"Store: {target.Description}");
        try
        {
            await target.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException e)
        {
            Console.Error.WriteLine($"radequity ingest: cannot open the store ({target.Description}): {e.Message}");
            return 1;
        }

        var sink = target.CreateSink();
        var summary = await ConsoleProgress.RunAsync("Ingesting", report =>
            IngestRun.RunAsync(
                paths,
                options,
                sink,
                new SynchronousProgress<IngestProgress>(p => report(p.BytesRead, p.TotalBytes, p.CurrentFile is null ? null : Path.GetFileName(p.CurrentFile))),
                cancellationToken)).ConfigureAwait(false);

        WriteSummary(summary);
        return summary.Completed ? 0 : 1;
    }

    private static void WriteSummary(IngestSummary summary)
    {
        var c = CultureInfo.InvariantCulture;
        var table = new Table().Title("Ingest summary").AddColumn("Resource type").AddColumn(new TableColumn("Read").RightAligned());
        foreach (var (type, count) in summary.ResourcesByType.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            table.AddRow(Markup.Escape(type), count.ToString("N0", c));
        }

        table.AddEmptyRow();
        table.AddRow("[bold]Resources[/]", summary.Resources.ToString("N0", c));
        foreach (var (kind, count) in summary.FactsByKind.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            table.AddRow(Markup.Escape($"Facts: {kind}"), count.ToString("N0", c));
        }

        var changes = summary.Changes;
        table.AddRow("New / updated / unchanged / deleted",
            string.Create(c, $"{changes.Inserted:N0} / {changes.Updated:N0} / {changes.Unchanged:N0} / {changes.Deleted:N0}"));
        table.AddRow(summary.Quarantined > 0 ? "[yellow]Quarantined[/]" : "Quarantined", summary.Quarantined.ToString("N0", c));
        var seconds = Math.Max(summary.Elapsed.TotalSeconds, 1e-6);
        table.AddRow("Time", string.Create(c, $"{summary.Elapsed.TotalSeconds:F1} s"));
        table.AddRow("Throughput", string.Create(c, $"{summary.Bytes / seconds / 1e6:F1} MB/s, {summary.Resources / seconds:N0} resources/s"));
        AnsiConsole.Write(table);

        foreach (var message in summary.Messages)
        {
            AnsiConsole.MarkupLine("[yellow]note:[/] " + Markup.Escape(message));
        }

        if (summary.Quarantined > 0)
        {
            AnsiConsole.MarkupLine("[yellow]Some records were quarantined (file, line, field and reason are stored); everything else was loaded.[/]");
        }

        if (!summary.Completed)
        {
            AnsiConsole.MarkupLine("[red]The run did not complete; run the same command again to finish it (loading is idempotent).[/]");
        }
    }
}
