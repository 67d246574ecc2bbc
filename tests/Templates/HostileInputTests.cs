using System.Text;
using Paperboy.Templates;
using Xunit;

namespace Paperboy.Tests.Templates;

/// <summary>Feed text is hostile until proven otherwise: it must come out escaped, inert and within the size limit.</summary>
public sealed class HostileInputTests
{
    private static readonly DigestRenderer Renderer = new(new TemplateCatalog());

    public static TheoryData<string> Kinds => ["daily", "weekly", "alert"];

    private static DigestView Hostile(string kind)
    {
        DigestView sample = kind switch
        {
            "weekly" => DigestSamples.Weekly(),
            "alert" => DigestSamples.Alert(),
            _ => DigestSamples.Daily(),
        };
        DigestPaperView evil = sample.Papers[0] with
        {
            Title = "<script>alert(1)</script> {{ 6 * 7 }} {% raw %} {{ t.brand }}",
            Authors = "\"><img src=x onerror=alert(1)>, {{ unsubscribe_url }}",
            Abstract = "עברית ועוד <b>bold</b> 😀🎉 {{ for p in papers }}{{ p.title }}{{ end }} " + new string('a', 10_000),
            Why = "Matches your keywords: </p><script>x</script>",
            Meta = "{{ sender_line }}",
            Links = sample.Papers[0].Links with { Mute = [new KeywordLink("\"><svg onload=alert(1)>", "https://paperboy.example/f/m")] },
        };
        return sample with { Papers = [evil, .. sample.Papers.Skip(1).Select(p => p with { Authors = "" })] };
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Render_Escapes_Hostile_Feed_Text_And_Never_Evaluates_It_When_Rendering_Any_Kind(string kind)
    {
        // Arrange
        DigestView view = Hostile(kind);

        // Act
        RenderedDigest digest = Renderer.Render(view);

        // Assert
        Assert.DoesNotContain("<script", digest.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", digest.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg", digest.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", digest.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; {{ 6 * 7 }} {% raw %} {{ t.brand }}", digest.Html, StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;, {{ unsubscribe_url }}", digest.Html, StringComparison.Ordinal);
        Assert.Contains("{{ sender_line }}", digest.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(" 42 ", digest.Html, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script> {{ 6 * 7 }}", digest.Text, StringComparison.Ordinal);
        Assert.Contains("{{ for p in papers }}{{ p.title }}{{ end }}", digest.Text, StringComparison.Ordinal);
        Assert.Contains("&#128512;&#127881;", digest.Html, StringComparison.Ordinal); // emoji survive, as character references
        Assert.Contains("😀🎉", digest.Text, StringComparison.Ordinal);
        Assert.Contains("עברית", digest.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Keeps_The_Html_Under_The_Size_Limit_With_Whole_Markup_When_Abstracts_Are_Huge()
    {
        // Arrange: 100 papers, each with a 10,000-character abstract and long links.
        DigestPaperView template = DigestSamples.Papers()[0];
        DigestView view = DigestSamples.Daily() with
        {
            Papers = [.. Enumerable.Range(1, 100).Select(i => template with
            {
                Rank = i,
                Title = $"Paper {i} " + new string('t', 250),
                Abstract = string.Join(' ', Enumerable.Repeat("word", 2_000)),
                Upvotes = null,
                Links = new PaperLinks($"https://paperboy.example/f/{new string('m', 120)}{i}", $"https://paperboy.example/f/{new string('l', 120)}{i}", []),
            })],
        };

        // Act
        RenderedDigest digest = Renderer.Render(view);

        // Assert
        int bytes = Encoding.UTF8.GetByteCount(digest.Html);
        Assert.True(bytes <= DigestRenderer.MaxHtmlBytes, $"the HTML is {bytes} bytes");
        Assert.InRange(digest.PaperCount, 1, 99);
        Assert.EndsWith("</html>", digest.Html.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains(view.UnsubscribeUrl, digest.Html, StringComparison.Ordinal);
        Assert.Contains($"Paper {digest.PaperCount} ", digest.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"Paper {digest.PaperCount + 1} ", digest.Html, StringComparison.Ordinal);
        Assert.Equal(Count(digest.Html, "<td"), Count(digest.Html, "</td>"));
        Assert.Equal(Count(digest.Html, "<table"), Count(digest.Html, "</table>"));
    }

    [Fact]
    public void Render_Keeps_The_Html_Under_The_Size_Limit_As_Sent_When_Abstracts_Are_Not_Latin()
    {
        // Arrange: 10 abstracts of 2,000 characters, 60 KB in UTF-8 but 160 KB as the references the HTML part is
        // sent with (8 bytes a character).
        string abstractText = string.Concat(Enumerable.Repeat("图神经网络", 400));
        DigestView view = DigestSamples.Daily() with
        {
            Papers = [.. Enumerable.Range(1, 10).Select(i => DigestSamples.Papers()[0] with { Rank = i, Title = $"论文 {i}", Abstract = abstractText })],
        };

        // Act
        RenderedDigest digest = Renderer.Render(view);

        // Assert: measured as sent, the abstracts had to be shortened.
        Assert.Equal(10, digest.PaperCount);
        int sent = AsciiHtml.ByteCount(digest.Html);
        Assert.True(sent <= DigestRenderer.MaxHtmlBytes, $"the HTML is sent as {sent} bytes");
        Assert.DoesNotContain(abstractText, digest.Html, StringComparison.Ordinal);
        Assert.Contains("论文 10", digest.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Shortens_Abstracts_Before_Dropping_Papers_When_The_Digest_Is_Too_Big()
    {
        // Arrange: ten papers fit without abstracts, but not with 10,000-character ones.
        DigestView view = DigestSamples.Daily() with
        {
            Papers = [.. Enumerable.Range(1, 10).Select(i => DigestSamples.Papers()[0] with { Rank = i, Abstract = string.Join(' ', Enumerable.Repeat("lorem", 2_000)) })],
        };

        // Act
        RenderedDigest digest = Renderer.Render(view);

        // Assert
        Assert.Equal(10, digest.PaperCount);
        Assert.True(Encoding.UTF8.GetByteCount(digest.Html) <= DigestRenderer.MaxHtmlBytes);
        Assert.Contains("lorem lorem", digest.Html, StringComparison.Ordinal);
        Assert.Contains("…", digest.Html, StringComparison.Ordinal);
    }

    private static int Count(string text, string value)
    {
        int count = 0;
        for (int i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
