using System.Text;
using MimeKit;
using Paperboy.Scheduler;
using Xunit;

namespace Paperboy.Tests.Scheduler;

public sealed class AlternativeMessageWriterTests
{
    private const string Text = "Naïve Bayes = still fine\n\"graph neural network\" – 312 upvotes\n";

    [Fact]
    public void Write_Gives_A_Message_MimeKit_Reads_Back_When_Parts_Have_NonAscii_Text()
    {
        // Arrange
        string html = "<p style=\"margin: 0\">Naïve Bayes &amp; friends</p>\n<!-- --=- -->";

        // Act
        MimeMessage parsed = Parse(AlternativeMessageWriter.Write(Headers(), Text, html));

        // Assert: the HTML's other characters as references (the same text for a reader), so it goes as it is.
        MultipartAlternative body = Assert.IsType<MultipartAlternative>(parsed.Body);
        Assert.Equal(2, body.Count);
        Assert.Equal(ContentEncoding.QuotedPrintable, body.OfType<TextPart>().Single(p => p.IsPlain).ContentTransferEncoding);
        Assert.Equal(ContentEncoding.SevenBit, body.OfType<TextPart>().Single(p => p.IsHtml).ContentTransferEncoding);
        Assert.All(body.OfType<TextPart>(), p => Assert.Equal("utf-8", p.ContentType.Charset));
        Assert.Equal(Text, parsed.TextBody);
        Assert.Equal("<p style=\"margin: 0\">Na&#xEF;ve Bayes &amp; friends</p>\n<!-- --=- -->", parsed.HtmlBody);
        Assert.Equal("10 papers for you · Fri 27 Nov", parsed.Subject);
        Assert.Equal("bulk", parsed.Headers[HeaderId.Precedence]);
        Assert.Equal("ada@example.com", parsed.To.Mailboxes.Single().Address);
    }

    [Fact]
    public void Write_Sends_Both_Parts_As_They_Are_When_They_Are_Ascii_With_Short_Lines()
    {
        // Arrange
        const string text = "Graph neural networks\n312 upvotes\n";
        string html = "<p style=\"margin: 0\">" + new string('a', 970) + "</p>\n<p>=3D</p>";

        // Act
        byte[] mime = AlternativeMessageWriter.Write(Headers(), text, html);

        // Assert: written byte for byte, no "=3D" for every "=".
        MimeMessage parsed = Parse(mime);
        Assert.All(Assert.IsType<MultipartAlternative>(parsed.Body).OfType<TextPart>(), p => Assert.Equal(ContentEncoding.SevenBit, p.ContentTransferEncoding));
        Assert.Contains("\n" + html + "\n", Encoding.ASCII.GetString(mime), StringComparison.Ordinal);
        Assert.Equal(text, parsed.TextBody);
        Assert.Equal(html, parsed.HtmlBody);
    }

    [Theory]
    [InlineData(998, "", true)]
    [InlineData(999, "", false)]
    [InlineData(10, "\r\n", false)]
    [InlineData(10, "\0", false)]
    [InlineData(10, "é", false)]
    [InlineData(0, "", true)]
    public void IsSevenBit_Allows_Only_Ascii_Lines_Of_At_Most_998_Bytes_When_Checking_A_Part(int lineLength, string extra, bool expected)
    {
        // Arrange: a short line, a line of the given length, and the extra characters.
        byte[] content = Encoding.UTF8.GetBytes("short\n" + new string('x', lineLength) + "\n" + extra + "end");

        // Act
        bool sevenBit = AlternativeMessageWriter.IsSevenBit(content);

        // Assert
        Assert.Equal(expected, sevenBit);
    }

    [Fact]
    public void Write_Uses_Quoted_Printable_When_The_Html_Has_Other_Characters_In_A_Style_Block()
    {
        // Arrange: references mean nothing inside style, so that stays UTF-8, and the part cannot go as it is.
        const string html = "<style>.a::before { content: \"·\" }</style><p>é</p>";

        // Act
        MimeMessage parsed = Parse(AlternativeMessageWriter.Write(Headers(), Text, html));

        // Assert
        TextPart part = parsed.BodyParts.OfType<TextPart>().Single(p => p.IsHtml);
        Assert.Equal(ContentEncoding.QuotedPrintable, part.ContentTransferEncoding);
        Assert.Equal("<style>.a::before { content: \"·\" }</style><p>&#xE9;</p>", parsed.HtmlBody);
    }

    [Fact]
    public void Write_Keeps_Every_Line_Within_78_Ascii_Characters_When_The_Html_Has_Long_Lines()
    {
        // Arrange
        string html = "<p>" + string.Concat(Enumerable.Repeat("naïve convolutional ", 400)) + "</p>";

        // Act
        byte[] mime = AlternativeMessageWriter.Write(Headers(), Text, html);

        // Assert
        Assert.All(mime, b => Assert.True(b < 128, $"byte {b} is not 7-bit"));
        Assert.All(Encoding.ASCII.GetString(mime).Split('\n'), line => Assert.True(line.Length <= 78, line));
        Assert.Equal(html.Replace("ï", "&#xEF;", StringComparison.Ordinal), Parse(mime).HtmlBody);
    }

    [Fact]
    public void WritePacked_Stores_A_Message_That_Unpacks_To_The_Same_Parts_When_The_Html_Is_Long()
    {
        // Arrange
        string html = "<p style=\"margin: 0\">" + string.Concat(Enumerable.Repeat("Naïve Bayes &amp; convolutional friends. ", 300)) + "</p>";

        // Act
        byte[] stored = AlternativeMessageWriter.WritePacked(Headers(), Text, html);
        byte[] mime = StoredMime.Unpack(stored);

        // Assert
        Assert.True(stored.Length * 2 < mime.Length, $"{mime.Length} bytes were stored as {stored.Length}");
        MimeMessage parsed = Parse(mime);
        Assert.Equal(Text, parsed.TextBody);
        Assert.Equal(html.Replace("ï", "&#xEF;", StringComparison.Ordinal), parsed.HtmlBody);
        Assert.Equal("10 papers for you · Fri 27 Nov", parsed.Subject);
    }

    [Fact]
    public void Write_Leaves_The_Callers_Headers_Unchanged_When_Called_Twice()
    {
        // Arrange
        HeaderList headers = Headers();
        int before = headers.Count;

        // Act
        byte[] firstBytes = AlternativeMessageWriter.Write(headers, Text, "<p>one</p>");
        byte[] secondBytes = AlternativeMessageWriter.Write(headers, Text, "<p>two</p>");
        // Parsed after the second write: the thread's buffer is reused, the returned bytes must not be.
        MimeMessage first = Parse(firstBytes);
        MimeMessage second = Parse(secondBytes);

        // Assert
        Assert.Equal(before, headers.Count);
        Assert.Single(Encoding.ASCII.GetString(secondBytes).Split('\n'), line => line.StartsWith("Content-Type: multipart/", StringComparison.Ordinal));
        Assert.Equal("<p>one</p>", first.HtmlBody);
        Assert.Equal("<p>two</p>", second.HtmlBody);
        Assert.NotEqual(Assert.IsType<MultipartAlternative>(first.Body).Boundary, Assert.IsType<MultipartAlternative>(second.Body).Boundary);
    }

    private static HeaderList Headers()
    {
        var message = new MimeMessage { Subject = "10 papers for you · Fri 27 Nov", MessageId = "digest.1@papers.example", Date = new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero) };
        message.From.Add(new MailboxAddress("Paperboy", "digest@papers.example"));
        message.To.Add(MailboxAddress.Parse("ada@example.com"));
        message.Headers.Add("Precedence", "bulk");
        return message.Headers;
    }

    private static MimeMessage Parse(byte[] mime)
    {
        using var stream = new MemoryStream(mime);
        return MimeMessage.Load(stream);
    }
}
