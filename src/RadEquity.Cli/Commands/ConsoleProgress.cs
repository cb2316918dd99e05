using System.Globalization;
using Spectre.Console;

namespace RadEquity.Cli.Commands;

/// <summary>
/// A progress bar on a terminal; on a pipe or log file, a plain line at every tenth of the way, so CI logs stay short.
/// Progress texts carry counts and file names only, never record content (no PHI in logs).
/// </summary>
internal static class ConsoleProgress
{
    public delegate void Report(double value, string? detail);

    public static async Task<T> RunAsync<T>(string description, double maxValue, Func<Report, Task<T>> work)
    {
        if (AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
        {
            return await AnsiConsole.Progress()
                .AutoClear(false)
                .HideCompleted(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                    new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape(description), maxValue: Math.Max(1, maxValue));
                    var result = await work((value, detail) =>
                    {
                        task.Value = Math.Min(value, task.MaxValue);
                        if (detail is not null)
                        {
                            task.Description = Markup.Escape($"{description} {detail}");
                        }
                    }).ConfigureAwait(false);
                    task.Value = task.MaxValue;
                    task.Description = Markup.Escape(description);
                    return result;
                }).ConfigureAwait(false);
        }

        var lastTenth = -1;
        var gate = new Lock();
        return await work((value, detail) =>
        {
            var tenth = maxValue <= 0 ? 10 : (int)Math.Floor(Math.Min(value, maxValue) * 10 / maxValue);
            lock (gate)
            {
                if (tenth <= lastTenth)
                {
                    return;
                }

                lastTenth = tenth;
            }

            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{description}: {tenth * 10}% {detail}"));
        }).ConfigureAwait(false);
    }
}
