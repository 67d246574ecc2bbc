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

        // Assert
        MultipartAlternative body = Assert.IsType<MultipartAlternative>(parsed.Body);
        Assert.Equal(2, body.Count);
        Assert.All(body.OfType<TextPart>(), p => Assert.Equal(ContentEncoding.QuotedPrintable, p.ContentTransferEncoding));
        Assert.All(body.OfType<TextPart>(), p => Assert.Equal("utf-8", p.ContentType.Charset));
        Assert.Equal(Text, parsed.TextBody);
        Assert.Equal(html, parsed.HtmlBody);
        Assert.Equal("10 papers for you · Fri 27 Nov", parsed.Subject);
        Assert.Equal("bulk", parsed.Headers[HeaderId.Precedence]);
        Assert.Equal("ada@example.com", parsed.To.Mailboxes.Single().Address);
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
        Assert.Equal(html, Parse(mime).HtmlBody);
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
        Assert.Equal(html, parsed.HtmlBody);
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
