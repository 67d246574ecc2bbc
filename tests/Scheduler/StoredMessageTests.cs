using System.Text;
using MailKit.Net.Smtp;
using MimeKit;
using MimeKit.IO;
using Paperboy.Scheduler;
using Xunit;

namespace Paperboy.Tests.Scheduler;

public sealed class StoredMessageTests
{
    private const string Text = "Naïve Bayes = still fine\n.a line that starts with a dot\n\"graph neural network\" – 312 upvotes\n";
    private const string Html = "<p style=\"margin: 0\">Naïve Bayes &amp; friends</p>\n.<b>dot</b>\n";

    // The HTML as sent: in ASCII, so the part goes as it is (7bit), its line starting with a dot included.
    private const string SentHtml = "<p style=\"margin: 0\">Na&#xEF;ve Bayes &amp; friends</p>\n.<b>dot</b>\n";

    [Fact]
    public async Task Open_Sends_The_Bytes_A_Parsed_Copy_Sends_When_The_Message_Is_A_Sealed_Digest()
    {
        // Arrange
        byte[] stored = AlternativeMessageWriter.Write(Headers().Headers, Text, Html);

        // Act
        byte[] parsedAsync = await SmtpDataAsync(Parse(stored));
        byte[] openedAsync = await SmtpDataAsync(StoredMessage.Open(stored));
        byte[] opened = SmtpData(StoredMessage.Open(stored));

        // Assert
        Assert.Equal(Encoding.ASCII.GetString(parsedAsync), Encoding.ASCII.GetString(openedAsync));
        Assert.Equal(parsedAsync, opened);
        MimeMessage received = Received(openedAsync);
        Assert.Contains("\r\n..a line that starts with a dot", Encoding.ASCII.GetString(openedAsync), StringComparison.Ordinal);
        Assert.Contains("\r\n..<b>dot</b>\r\n", Encoding.ASCII.GetString(openedAsync), StringComparison.Ordinal);
        Assert.Equal(Text, received.TextBody?.ReplaceLineEndings("\n"));
        Assert.Equal(SentHtml, received.HtmlBody?.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Open_Sends_The_Same_Bytes_When_Given_The_Compressed_Form_The_Outbox_Keeps()
    {
        // Arrange
        byte[] mime = AlternativeMessageWriter.Write(Headers().Headers, Text, Html + string.Concat(Enumerable.Repeat(Html, 50)));
        byte[] stored = StoredMime.Pack(mime);

        // Act
        byte[] fromPlain = await SmtpDataAsync(StoredMessage.Open(mime));
        byte[] fromStored = await SmtpDataAsync(StoredMessage.Open(stored));

        // Assert
        Assert.Equal(0, stored[0]);
        Assert.Equal(Encoding.ASCII.GetString(fromPlain), Encoding.ASCII.GetString(fromStored));
    }

    [Fact]
    public async Task Lease_Sends_The_Same_Bytes_As_Open_When_Given_The_Compressed_Form()
    {
        // Arrange
        byte[] mime = AlternativeMessageWriter.Write(Headers().Headers, Text, Html + string.Concat(Enumerable.Repeat(Html, 50)));
        byte[] stored = StoredMime.Pack(mime);
        byte[] opened = await SmtpDataAsync(StoredMessage.Open(stored));

        // Act: two leases one after the other, so the second may get the first one's returned buffer.
        byte[] first;
        using (StoredMessageLease lease = StoredMessage.Lease(stored))
        {
            first = await SmtpDataAsync(lease.Message);
        }

        byte[] second;
        using (StoredMessageLease lease = StoredMessage.Lease(StoredMime.Pack(AlternativeMessageWriter.Write(Headers().Headers, Text, Html))))
        {
            second = await SmtpDataAsync(lease.Message);
        }

        // Assert
        Assert.Equal(Encoding.ASCII.GetString(opened), Encoding.ASCII.GetString(first));
        Assert.Equal(Text, Received(second).TextBody?.ReplaceLineEndings("\n"));
        Assert.Equal(SentHtml, Received(second).HtmlBody?.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Lease_Sends_A_Plain_Stored_Message_As_It_Is()
    {
        // Arrange
        byte[] mime = AlternativeMessageWriter.Write(Headers().Headers, Text, Html);

        // Act
        byte[] leased;
        using (StoredMessageLease lease = StoredMessage.Lease(mime))
        {
            leased = await SmtpDataAsync(lease.Message);
        }

        // Assert
        Assert.Equal(await SmtpDataAsync(StoredMessage.Open(mime)), leased);
    }

    [Fact]
    public void Lease_Refuses_The_Message_When_It_Was_Disposed()
    {
        // Arrange
        StoredMessageLease lease = StoredMessage.Lease(StoredMime.Pack(AlternativeMessageWriter.Write(Headers().Headers, Text, Html + Html + Html)));

        // Act
        lease.Dispose();
        lease.Dispose();

        // Assert
        Assert.Throws<ObjectDisposedException>(() => lease.Message);
    }

    [Fact]
    public async Task Open_Keeps_The_Content_Headers_When_The_Message_Has_A_Single_Part()
    {
        // Arrange
        MimeMessage original = Headers();
        original.Body = new TextPart("plain") { Text = Text, ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        byte[] stored = Write(original, NewLineFormat.Unix);

        // Act
        byte[] parsed = await SmtpDataAsync(Parse(stored));
        byte[] opened = await SmtpDataAsync(StoredMessage.Open(stored));

        // Assert
        Assert.Equal(Encoding.ASCII.GetString(parsed), Encoding.ASCII.GetString(opened));
        Assert.Contains("Content-Transfer-Encoding: quoted-printable\r\n", Encoding.ASCII.GetString(opened), StringComparison.Ordinal);
        Assert.Equal(Text, Parse(Write(StoredMessage.Open(stored), NewLineFormat.Unix)).TextBody);
    }

    [Fact]
    public void Open_Writes_Lf_Line_Ends_When_The_Stored_Message_Has_Crlf_And_Lf_Is_Asked_For()
    {
        // Arrange
        MimeMessage original = Headers();
        original.Body = new TextPart("plain") { Text = Text, ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        byte[] stored = Write(original, NewLineFormat.Dos);

        // Act
        byte[] written = Write(StoredMessage.Open(stored), NewLineFormat.Unix);

        // Assert
        Assert.DoesNotContain((byte)'\r', written);
        Assert.Equal(Write(original, NewLineFormat.Unix), written);
    }

    [Fact]
    public void Open_Reads_The_Whole_Message_When_It_Has_No_Content_Type()
    {
        // Arrange
        byte[] stored = Encoding.ASCII.GetBytes("From: a@example.com\nTo: b@example.com\nSubject: plain\n\nJust text.\n");

        // Act
        MimeMessage opened = StoredMessage.Open(stored);

        // Assert
        Assert.Equal("Just text.\n", opened.TextBody);
        Assert.Equal("b@example.com", opened.To.Mailboxes.Single().Address);
    }

    [Fact]
    public void Open_Reads_The_Whole_Message_When_Its_Content_Type_Is_Unreadable()
    {
        // Arrange
        byte[] stored = Encoding.ASCII.GetBytes("From: a@example.com\nTo: b@example.com\nContent-Type: ;;\n\nJust text.\n");

        // Act
        MimeMessage opened = StoredMessage.Open(stored);

        // Assert: MimeKit's forgiving reading, not the stored body, and the text still goes out.
        Assert.False(ContentType.TryParse(";;", out _));
        Assert.IsAssignableFrom<MimePart>(opened.Body);
        Assert.Contains("\n\nJust text.\n", Encoding.ASCII.GetString(Write(opened, NewLineFormat.Unix)), StringComparison.Ordinal);
    }

    private static MimeMessage Headers()
    {
        var message = new MimeMessage { Subject = "10 papers for you · Fri 27 Nov", MessageId = "digest.1@papers.example", Date = new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero) };
        message.From.Add(new MailboxAddress("Paperboy", "digest@papers.example"));
        message.To.Add(MailboxAddress.Parse("ada@example.com"));
        message.Headers.Add("List-Unsubscribe", "<https://papers.example/u/abc>");
        return message;
    }

    private static MimeMessage Parse(byte[] mime) => MimeMessage.Load(new MemoryStream(mime), TestContext.Current.CancellationToken);

    /// <summary>What the server reads: dot-stuffing undone.</summary>
    private static MimeMessage Received(byte[] data)
    {
        using var input = new FilteredStream(new MemoryStream(data));
        input.Add(new SmtpDataFilter(decode: true));
        return MimeMessage.Load(input, TestContext.Current.CancellationToken);
    }

    private static byte[] Write(MimeMessage message, NewLineFormat lineEnds)
    {
        FormatOptions options = FormatOptions.Default.Clone();
        options.NewLineFormat = lineEnds;
        using var output = new MemoryStream();
        message.WriteTo(options, output);
        return output.ToArray();
    }

    /// <summary>What MailKit's SmtpClient writes after DATA: CRLF line ends, through its dot-stuffing filter.</summary>
    private static async Task<byte[]> SmtpDataAsync(MimeMessage message)
    {
        using var output = new MemoryStream();
        using (var filtered = new FilteredStream(output))
        {
            filtered.Add(new SmtpDataFilter(decode: false));
            await message.WriteToAsync(SmtpOptions(), filtered, TestContext.Current.CancellationToken);
            await filtered.FlushAsync(TestContext.Current.CancellationToken);
        }

        return output.ToArray();
    }

    private static byte[] SmtpData(MimeMessage message)
    {
        using var output = new MemoryStream();
        using (var filtered = new FilteredStream(output))
        {
            filtered.Add(new SmtpDataFilter(decode: false));
            message.WriteTo(SmtpOptions(), filtered, TestContext.Current.CancellationToken);
            filtered.Flush(TestContext.Current.CancellationToken);
        }

        return output.ToArray();
    }

    private static FormatOptions SmtpOptions()
    {
        FormatOptions options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        return options;
    }
}
