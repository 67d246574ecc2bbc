using System.Net;
using System.Text;
using Paperboy.Templates;
using Xunit;

namespace Paperboy.Tests.Templates;

public sealed class AsciiHtmlTests
{
    [Fact]
    public void GetBytes_Writes_Numeric_References_When_The_Html_Has_Other_Characters()
    {
        // Arrange: Latin-1, a dash, a character beyond the BMP (a surrogate pair), in text and in an attribute.
        const string html = "<p title=\"café\">naïve – 𝛼 · ▲ 312</p>";

        // Act
        string ascii = Ascii(html);

        // Assert
        Assert.Equal("<p title=\"caf&#xE9;\">na&#xEF;ve &#x2013; &#x1D6FC; &#xB7; &#x25B2; 312</p>", ascii);
        Assert.Equal(html, WebUtility.HtmlDecode(ascii));
    }

    [Fact]
    public void GetBytes_Copies_The_Html_When_It_Is_Ascii()
    {
        // Arrange
        const string html = "<p class=\"a\">graph &amp; networks</p>\n";

        // Act
        string ascii = Ascii(html);

        // Assert
        Assert.Equal(html, ascii);
        Assert.Equal(html.Length, AsciiHtml.ByteCount(html));
    }

    [Fact]
    public void GetBytes_Leaves_Style_And_Script_Contents_As_Utf8_When_They_Have_Other_Characters()
    {
        // Arrange: references inside style and script would be read literally, so those keep their characters.
        const string html = "<STYLE type=\"text/css\">.a::before { content: \"·\" }</STYLE><p>·</p><script>var s = 'é';</script><styles>é</styles>";

        // Act
        string written = Encoding.UTF8.GetString(Bytes(html));

        // Assert
        Assert.Equal("<STYLE type=\"text/css\">.a::before { content: \"·\" }</STYLE><p>&#xB7;</p><script>var s = 'é';</script><styles>&#xE9;</styles>", written);
        Assert.Equal(Encoding.UTF8.GetByteCount(written), AsciiHtml.ByteCount(html));
    }

    [Fact]
    public void GetBytes_Writes_The_Replacement_Character_When_A_Surrogate_Is_Alone()
    {
        // Arrange: what UTF-8 would have written for a broken pair.
        string html = "<p>a\uD835b\uDFFCc</p>";

        // Act
        string ascii = Ascii(html);

        // Assert
        Assert.Equal("<p>a&#xFFFD;b&#xFFFD;c</p>", ascii);
    }

    [Fact]
    public void ByteCount_Counts_What_GetBytes_Writes_When_The_Text_Is_Mostly_Other_Characters()
    {
        // Arrange
        string html = "<p>" + string.Concat(Enumerable.Repeat("图神经网络 ", 50)) + "</p>";

        // Act
        byte[] bytes = Bytes(html);

        // Assert
        Assert.Equal(bytes.Length, AsciiHtml.ByteCount(html));
        Assert.All(bytes, b => Assert.True(b < 128));
        Assert.Equal(html, WebUtility.HtmlDecode(Encoding.ASCII.GetString(bytes)));
    }

    [Theory]
    [InlineData("\uFFFF")]
    [InlineData("\U0010FFFF")]
    [InlineData("<style>\uFFFF</style>")]
    [InlineData("<p>a</p>")]
    public void MaxByteCount_Is_At_Least_What_GetBytes_Writes_When_Every_Character_Is_The_Costliest(string piece)
    {
        // Arrange
        string html = string.Concat(Enumerable.Repeat(piece, 100));

        // Act
        int max = AsciiHtml.MaxByteCount(html.Length);

        // Assert
        Assert.InRange(AsciiHtml.ByteCount(html), 1, max);
    }

    private static byte[] Bytes(string html)
    {
        byte[] bytes = new byte[AsciiHtml.ByteCount(html)];
        int written = AsciiHtml.GetBytes(html, bytes);
        Assert.Equal(bytes.Length, written);
        return bytes;
    }

    private static string Ascii(string html) => Encoding.ASCII.GetString(Bytes(html));
}
