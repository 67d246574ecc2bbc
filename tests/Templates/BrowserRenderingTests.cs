using Microsoft.Playwright;
using MimeKit;
using Paperboy.Scheduler;
using Paperboy.Templates;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Templates;

/// <summary>A rendered digest in real headless Chromium at phone and desktop widths; screenshots go to bin/…/artifacts/screenshots.</summary>
public sealed class BrowserRenderingTests
{
    public static TheoryData<int> Widths => [375, 1024];

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task Digest_Fits_The_Width_Without_Horizontal_Scrolling_And_Shows_Every_Link_When_Opened_In_Chromium(int width)
    {
        // Arrange: the sample digest plus a paper with a very long unbroken title, RTL text and emoji.
        (IPlaywright playwright, IBrowser browser) = await HeadlessChromium.LaunchOrSkipAsync();
        using IPlaywright _ = playwright;
        await using IBrowser __ = browser;
        DigestView view = DigestSamples.Daily();
        DigestPaperView hostile = view.Papers[0] with
        {
            Rank = 6,
            Title = new string('W', DigestViewFactory.MaxTitleLength),
            Authors = "مؤلف عربي, 😀 Emoji Author",
            Abstract = "نص عربي طويل " + new string('x', 400) + " 🎉",
            Url = "https://arxiv.org/abs/2611.99999",
        };
        view = view with { Papers = [.. view.Papers, hostile] };
        RenderedDigest digest = new DigestRenderer(new TemplateCatalog()).Render(view);
        string file = Path.Combine(Artifacts.Directory("screenshots"), $"digest-{width}.html");
        await File.WriteAllTextAsync(file, digest.Html, TestContext.Current.CancellationToken);
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            IsMobile = width < 600,
            JavaScriptEnabled = true,
        });

        // Act
        await page.GotoAsync(new Uri(file).AbsoluteUri);
        int scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        int clientWidth = await page.EvaluateAsync<int>("document.documentElement.clientWidth");
        string[] hrefs = await page.EvaluateAsync<string[]>("Array.from(document.querySelectorAll('a')).map(a => a.getAttribute('href'))");
        string[] visibleTexts = await page.EvaluateAsync<string[]>(
            "Array.from(document.querySelectorAll('a')).filter(a => a.getClientRects().length > 0).map(a => a.textContent)");
        string screenshot = Path.Combine(Artifacts.Directory("screenshots"), $"digest-{width}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });

        // Assert
        Assert.Equal(width, clientWidth);
        Assert.True(scrollWidth <= clientWidth, $"the page scrolls sideways at {width} px: scrollWidth {scrollWidth}");
        string[] expected =
        [
            .. view.Papers.SelectMany(p => new[] { p.Url, p.Links.MoreLikeThis, p.Links.LessLikeThis }.Concat(p.Links.Mute.Select(m => m.Url))),
            view.PreferencesUrl,
            view.SwitchFrequencyUrl,
            view.UnsubscribeUrl,
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), hrefs.Order(StringComparer.Ordinal));
        Assert.Contains("Unsubscribe", visibleTexts);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is suspiciously small");
    }

    [Fact]
    public async Task Digest_Reads_The_Same_In_Chromium_When_Its_Html_Is_Sent_As_Ascii_With_References()
    {
        // Arrange: a digest with accents, RTL text, emoji and the template's own "·", written as a message (the
        // HTML part then goes 7bit, with references) and read back from it.
        (IPlaywright playwright, IBrowser browser) = await HeadlessChromium.LaunchOrSkipAsync();
        using IPlaywright _ = playwright;
        await using IBrowser __ = browser;
        DigestView view = DigestSamples.Daily();
        view = view with { Papers = [.. view.Papers, view.Papers[0] with { Rank = 6, Title = "Café naïve – 𝛼 graphs ▲", Authors = "مؤلف عربي, 😀 Émilie Du Châtelet" }] };
        string html = new DigestRenderer(new TemplateCatalog()).Render(view).Html;
        var headers = new MimeMessage { Subject = "digest", MessageId = "digest.1@papers.example" };
        headers.From.Add(new MailboxAddress("Paperboy", "digest@papers.example"));
        headers.To.Add(MailboxAddress.Parse("ada@example.com"));
        using var mime = new MemoryStream(AlternativeMessageWriter.Write(headers.Headers, "text", html));
        TextPart sentPart = MimeMessage.Load(mime, TestContext.Current.CancellationToken).BodyParts.OfType<TextPart>().Single(p => p.IsHtml);
        Assert.Equal(ContentEncoding.SevenBit, sentPart.ContentTransferEncoding);
        Assert.NotEqual(html, sentPart.Text);
        string original = Path.Combine(Artifacts.Directory("screenshots"), "digest-utf8.html");
        string sent = Path.Combine(Artifacts.Directory("screenshots"), "digest-as-sent.html");
        await File.WriteAllTextAsync(original, html, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(sent, sentPart.Text, TestContext.Current.CancellationToken);

        // Act
        string[] originalRead = await ReadAsync(browser, original);
        string[] sentRead = await ReadAsync(browser, sent);

        // Assert
        Assert.Equal(originalRead, sentRead);
        Assert.Contains("Café naïve – 𝛼 graphs ▲", sentRead[0], StringComparison.Ordinal);
    }

    /// <summary>What a reader gets from a page: its title and visible text, then every link.</summary>
    private static async Task<string[]> ReadAsync(IBrowser browser, string file)
    {
        IPage page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(file).AbsoluteUri);
        string text = await page.EvaluateAsync<string>("document.title + '\\n' + document.body.innerText");
        string[] hrefs = await page.EvaluateAsync<string[]>("Array.from(document.querySelectorAll('a')).map(a => a.href)");
        await page.CloseAsync();
        return [text, .. hrefs];
    }
}
