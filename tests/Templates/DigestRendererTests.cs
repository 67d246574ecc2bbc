using Paperboy.Templates;
using Xunit;

namespace Paperboy.Tests.Templates;

public sealed class DigestRendererTests
{
    private const string ScriptTitle = "<script>alert(1)</script>";
    private const string ImgAuthor = "\"><img src=x onerror=alert(1)>";
    private const string UnsubscribeUrl = "https://paperboy.example/links/unsubscribe?token=abc123&v=1";
    private const string PreferencesUrl = "https://paperboy.example/links/preferences?token=def456";

    private static readonly DigestRenderer Renderer = new(new TemplateCatalog());

    private static DigestPaperView PaperView(string title, string authors = "Ada Lovelace, Alan Turing") =>
        new(1, title, "https://arxiv.org/abs/2606.00467", authors, "An abstract about graphs.", "Matches your keywords: graph", 12);

    private static DigestView View(params DigestPaperView[] papers) => new(
        "ada@example.com",
        "Friday, 27 November 2026",
        $"{papers.Length} papers for you",
        papers,
        UnsubscribeUrl,
        PreferencesUrl,
        "You get this daily digest because ada@example.com subscribed to Paperboy for: graph.",
        "Paperboy, 1 Example Street");

    [Fact]
    public void Render_Escapes_Markup_In_Html_When_Paper_Data_Contains_Html()
    {
        // Arrange
        DigestView view = View(PaperView(ScriptTitle, ImgAuthor));

        // Act
        RenderedDigest digest = Renderer.Render(view);

        // Assert
        Assert.DoesNotContain("<script", digest.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", digest.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", digest.Html, StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", digest.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Keeps_Template_Markup_In_Html_When_Values_Are_Escaped()
    {
        // Arrange
        DigestView view = View(PaperView(ScriptTitle));

        // Act
        RenderedDigest digest = Renderer.Render(view);

        // Assert
        Assert.StartsWith("<!DOCTYPE html>", digest.Html, StringComparison.Ordinal);
        Assert.Contains(" href=\"https://arxiv.org/abs/2606.00467\"", digest.Html, StringComparison.Ordinal);
        Assert.Contains("<h1 ", digest.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Writes_Paper_Data_Unescaped_In_Text_When_It_Contains_Html()
    {
        // Arrange
        DigestView view = View(PaperView(ScriptTitle, ImgAuthor));

        // Act
        RenderedDigest digest = Renderer.Render(view);

        // Assert
        Assert.Contains($"1. {ScriptTitle}", digest.Text, StringComparison.Ordinal);
        Assert.Contains(ImgAuthor, digest.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("&lt;", digest.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("&quot;", digest.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Prints_Scriban_Syntax_Literally_When_A_Title_Contains_It()
    {
        // Arrange
        const string Title = "Why {{ 1 + 1 }} Is Not {{ papers[0].title }}";
        DigestView view = View(PaperView(Title));

        // Act
        RenderedDigest digest = Renderer.Render(view);

        // Assert
        Assert.Contains($"1. {Title}", digest.Text, StringComparison.Ordinal);
        Assert.Contains(Title, digest.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Why 2 Is Not", digest.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Why 2 Is Not", digest.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Includes_Unsubscribe_Url_In_Text_When_Rendering_A_Digest()
    {
        // Arrange
        DigestView view = View(PaperView("Graph Networks"));

        // Act
        RenderedDigest digest = Renderer.Render(view);

        // Assert
        Assert.Contains($"Unsubscribe: {UnsubscribeUrl}", digest.Text, StringComparison.Ordinal);
        Assert.Contains($"Manage preferences: {PreferencesUrl}", digest.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Encodes_Unsubscribe_Url_In_Html_When_It_Contains_An_Ampersand()
    {
        // Arrange
        DigestView view = View(PaperView("Graph Networks"));

        // Act
        RenderedDigest digest = Renderer.Render(view);

        // Assert
        Assert.Contains("href=\"https://paperboy.example/links/unsubscribe?token=abc123&amp;v=1\"", digest.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Lists_Every_Paper_In_Rank_Order_When_There_Are_Several()
    {
        // Arrange
        DigestView view = View(
            PaperView("First Paper") with { Rank = 1 },
            PaperView("Second Paper") with { Rank = 2 });

        // Act
        RenderedDigest digest = Renderer.Render(view);

        // Assert
        int first = digest.Text.IndexOf("1. First Paper", StringComparison.Ordinal);
        int second = digest.Text.IndexOf("2. Second Paper", StringComparison.Ordinal);
        Assert.True(first >= 0, "the first paper is missing");
        Assert.True(second > first, "the second paper is missing or out of order");
    }

    [Fact]
    public void Render_Shows_Only_Popularity_On_The_Meta_Line_When_A_Paper_Has_No_Authors()
    {
        // Arrange
        DigestView view = View(PaperView("Graph Networks", authors: ""));

        // Act
        RenderedDigest digest = Renderer.Render(view);

        // Assert
        Assert.Contains("1. Graph Networks\n   ▲ 12\n", digest.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(" · ▲", digest.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Shows_Authors_And_Upvotes_When_A_Paper_Has_Them()
    {
        // Arrange
        DigestView view = View(PaperView("Graph Networks"));

        // Act
        RenderedDigest digest = Renderer.Render(view);

        // Assert
        Assert.Contains("   Ada Lovelace, Alan Turing · ▲ 12", digest.Text, StringComparison.Ordinal);
    }
}
