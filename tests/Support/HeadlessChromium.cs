using Microsoft.Playwright;
using Xunit;

namespace Paperboy.Tests.Support;

/// <summary>
/// The machine's own Chromium (Debian's /usr/bin/chromium, or PAPERBOY_CHROMIUM), driven by Playwright over the
/// DevTools protocol; Playwright never downloads a browser here. Tests that need it skip, with the reason, when
/// it is missing (.ci/run installs it on CI).
/// </summary>
public static class HeadlessChromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    public static string? Executable =>
        Environment.GetEnvironmentVariable("PAPERBOY_CHROMIUM") is { Length: > 0 } configured && File.Exists(configured)
            ? configured
            : Candidates.FirstOrDefault(File.Exists);

    /// <summary>A headless browser, or a skipped test when there is none.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchOrSkipAsync()
    {
        string? executable = Executable;
        if (executable is null)
        {
            Assert.Skip($"Chromium is not installed (looked for {string.Join(", ", Candidates)} and PAPERBOY_CHROMIUM); .ci/run installs it on CI");
        }

        IPlaywright playwright = await Playwright.CreateAsync();
        IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }
}
