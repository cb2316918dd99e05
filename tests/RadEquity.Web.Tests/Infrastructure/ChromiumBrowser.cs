using Microsoft.Playwright;

namespace RadEquity.Web.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright (never a downloaded browser). Skips with a message when Chromium
/// is not installed, except under CI where its absence is a failure.
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    private static readonly string[] KnownPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public string? MissingReason { get; private set; }

    public async Task InitializeAsync()
    {
        var path = LocateChromium();
        if (path is null)
        {
            MissingReason = "Debian chromium is not installed (apt-get install chromium, or set RADEQUITY_CHROMIUM).";
            if (IsCi)
            {
                throw new InvalidOperationException(MissingReason);
            }

            return;
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = path,
            Headless = true,
            // Root in CI needs --no-sandbox; the rest keep Chromium off the (closed) network.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>Skips the calling test when no browser could be started.</summary>
    public IBrowser Require()
    {
        Skip.If(Browser is null, MissingReason);
        return Browser!;
    }

    internal static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string? LocateChromium()
    {
        var configured = Environment.GetEnvironmentVariable("RADEQUITY_CHROMIUM");
        if (!string.IsNullOrEmpty(configured) && File.Exists(configured))
        {
            return configured;
        }

        return KnownPaths.FirstOrDefault(File.Exists);
    }
}
