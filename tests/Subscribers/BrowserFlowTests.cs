using Microsoft.Playwright;
using MimeKit;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Subscribers;

/// <summary>A person in a real browser (headless Chromium): subscribe, confirm, change keywords, unsubscribe.</summary>
public abstract class BrowserFlowTests(PostgresServer? postgres) : WebAppTests(postgres)
{
    [Fact]
    public async Task Browser_Subscribes_Confirms_Changes_Keywords_And_Unsubscribes()
    {
        (IPlaywright playwright, IBrowser browser) = await Chromium.LaunchAsync();
        using (playwright)
        {
            await using (browser)
            {
                IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { TimezoneId = "Europe/Berlin", ViewportSize = new ViewportSize { Width = 375, Height = 800 } });

                // Subscribe: the form pre-fills the browser's time zone.
                await page.GotoAsync(Web.BaseAddress.ToString());
                Assert.Equal("Europe/Berlin", await page.InputValueAsync("#timeZone"));
                await page.FillAsync("#email", "browser@example.com");
                await page.FillAsync("#keywords", "semantic segmentation, object detection");
                await page.SelectOptionAsync("#hour", "7");
                await page.ClickAsync("button[type=submit]");
                Assert.Equal("Check your inbox", await page.TextContentAsync("h1"));
                await Screenshot(page, "1-subscribed");

                // Confirm from the mail.
                MimeMessage confirmation = await Mailbox.WaitForAsync(Smtp, m => m.To.Mailboxes.Any(a => a.Address == "browser@example.com"));
                await page.GotoAsync(Mailbox.HtmlLinks(confirmation, 'c')[0]);
                Assert.Equal(["pending|Europe/Berlin|7"], await Workspace.QueryAsync<string>("SELECT status || '|' || time_zone || '|' || delivery_hour FROM subscribers"));
                await page.ClickAsync("button[type=submit]");
                Assert.Equal("You are subscribed", await page.TextContentAsync("h1"));
                await Screenshot(page, "2-confirmed");

                // A digest arrives; its preferences link changes the keywords.
                await Workspace.RunAsync("send-due");
                MimeMessage digest = await Mailbox.WaitForAsync(Smtp, m => (m.Subject ?? "").Contains("papers for you", StringComparison.Ordinal));
                await page.GotoAsync(Mailbox.HtmlLinks(digest, 'p')[0]);
                await page.FillAsync("#keywords", "protein folding\nsemantic segmentation");
                await page.ClickAsync("form:first-of-type button[type=submit]");
                Assert.Contains("Saved", await page.TextContentAsync(".notice"), StringComparison.Ordinal);
                await Screenshot(page, "3-preferences");
                Assert.Equal(["protein folding", "semantic segmentation"], await Workspace.QueryAsync<string>("SELECT keyword FROM subscriber_keywords ORDER BY keyword"));

                // Unsubscribe from the link in the digest.
                await page.GotoAsync(Mailbox.HtmlLinks(digest, 'u')[0]);
                await page.ClickAsync("button[type=submit]");
                Assert.Equal("You are unsubscribed", await page.TextContentAsync("h1"));
                await Screenshot(page, "4-unsubscribed");
                Assert.Equal(["unsubscribed"], await Workspace.QueryAsync<string>("SELECT status FROM subscribers"));
            }
        }
    }

    private static Task<byte[]> Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.ArtifactsDirectory, $"browser-flow-{name}.png"), FullPage = true });

    public sealed class OnSqlite() : BrowserFlowTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : BrowserFlowTests(postgres);
}
