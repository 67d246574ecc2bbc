using Microsoft.Playwright;
using Xunit;

namespace Paperboy.Tests.Support;

/// <summary>Debian's Chromium, driven by Playwright without letting it download a browser of its own.</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Where screenshots are kept after the run (tests/bin/.../artifacts).</summary>
    public static string ArtifactsDirectory => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;

    /// <summary>Launches headless Chromium, or skips the test (with the reason) on a machine without it.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            Assert.Skip($"Chromium is not installed at {ExecutablePath} (apt-get install chromium; .ci/run installs it)");
        }

        IPlaywright playwright = await Playwright.CreateAsync();
        IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // This machine's network is closed: keep Chromium from calling home.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }
}
