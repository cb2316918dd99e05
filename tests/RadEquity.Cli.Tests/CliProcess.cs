using System.Diagnostics;

namespace RadEquity.Cli.Tests;

/// <summary>The real <c>radequity</c> command, run as a child process (so it can be killed like a real one).</summary>
internal static class CliProcess
{
    private static string Assembly => Path.Combine(AppContext.BaseDirectory, "radequity.dll");

    public static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Assembly);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // A pipe, not a terminal: the command prints plain progress lines.
        info.Environment["RadEquity__Database"] = "";
        return Process.Start(info) ?? throw new InvalidOperationException("could not start radequity");
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
