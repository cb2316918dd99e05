using System.CommandLine;
using RadEquity.Cli.Commands;

// Piped or redirected output (scripts, logs, CI) gets whole lines instead of tables wrapped at 80 columns.
if (Console.IsOutputRedirected)
{
    Spectre.Console.AnsiConsole.Profile.Width = 240;
}

var root = new RootCommand("RadEquity: measure and close health-equity gaps in radiology.")
{
    GenerateCommand.Create(),
    IngestCommand.Create(),
    MeasureCommand.Create(),
    ExplainCommand.Create(),
    ReportCommand.Create(),
    RiskCommand.Create(),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
