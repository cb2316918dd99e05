using System.Globalization;
using Spectre.Console;

namespace RadEquity.Cli.Commands;

/// <summary>
/// A progress bar on a terminal; on a pipe or log file, a plain line at every tenth of the way, so CI logs stay short.
/// Progress texts carry counts and file names only, never record content (no PHI in logs).
/// </summary>
internal static class ConsoleProgress
{
    /// <summary>Reports <paramref name="value"/> out of <paramref name="maxValue"/> (the total may become known only
    /// once the work has started, as for ingest, which discovers its inputs itself).</summary>
    public delegate void Report(double value, double maxValue, string? detail);

    public static async Task<T> RunAsync<T>(string description, Func<Report, Task<T>> work)
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
                    var task = context.AddTask(Markup.Escape(description), maxValue: 1);
                    var result = await work((value, maxValue, detail) =>
                    {
                        task.MaxValue = Math.Max(1, maxValue);
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
        return await work((value, maxValue, detail) =>
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
