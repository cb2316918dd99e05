using System.CommandLine;
using RadEquity.Cli.Commands;

var root = new RootCommand("RadEquity: measure and close health-equity gaps in radiology.")
{
    GenerateCommand.Create(),
    IngestCommand.Create(),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
