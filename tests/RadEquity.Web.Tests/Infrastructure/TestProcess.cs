using System.Runtime.CompilerServices;

namespace RadEquity.Web.Tests.Infrastructure;

/// <summary>Settings of the whole test process, applied before any test runs.</summary>
internal static class TestProcess
{
    /// <summary>
    /// Each app instance the tests start watches files (configuration, static files for <c>asp-append-version</c>)
    /// with an inotify instance, and Linux allows 128 per user by default: a few hundred test apps in one process
    /// run out, and pages fail with 500. Polling watchers use no inotify instance; nothing in a test changes files.
    /// </summary>
    [ModuleInitializer]
    internal static void UsePollingFileWatchers() =>
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
}
