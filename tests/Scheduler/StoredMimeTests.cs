using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using MimeKit;
using Paperboy.Scheduler;
using Xunit;

namespace Paperboy.Tests.Scheduler;

public sealed class StoredMimeTests
{
    [Fact]
    public void Unpack_Returns_The_Sealed_Bytes_When_Pack_Compressed_A_Digest()
    {
        // Arrange: a digest-like message: the same styled markup around every paper, as the real template writes.
        var html = new StringBuilder();
        var text = new StringBuilder();
        for (int i = 0; i < 10; i++)
        {
            html.Append(FormattableString.Invariant($"<tr><td class=\"paper\" style=\"padding: 16px 24px;border-top: 1px solid #e4e4e7\"><h2 style=\"margin: 0 0 4px 0;font-size: 17px\"><a href=\"https://arxiv.org/abs/2401.{i:D5}\" style=\"color: #1d4ed8\">Paper {i}: graph neural networks for naïve Bayes</a></h2><p style=\"margin: 0 0 8px 0;font-size: 14px\">Abstract {i} – we study how message passing scales.</p></td></tr>\n"));
            text.Append(FormattableString.Invariant($"{i + 1}. Paper {i}: graph neural networks for naïve Bayes\n   https://arxiv.org/abs/2401.{i:D5}\n   Abstract {i} – we study how message passing scales.\n\n"));
        }

        byte[] mime = AlternativeMessageWriter.Write(Headers().Headers, text.ToString(), html.ToString());

        // Act
        byte[] stored = StoredMime.Pack(mime);
        byte[] unpacked = StoredMime.Unpack(stored);

        // Assert
        Assert.True(stored.Length * 2 < mime.Length, $"{mime.Length} bytes were stored as {stored.Length}");
        Assert.Equal(0, stored[0]);
        Assert.Equal(mime, unpacked);
    }

    [Fact]
    public void Pack_Keeps_The_Message_As_It_Is_When_It_Does_Not_Compress()
    {
        // Arrange
        byte[] mime = new byte[4096];
        new Random(7).NextBytes(mime);
        mime[0] = (byte)'F';

        // Act
        byte[] stored = StoredMime.Pack(mime);

        // Assert
        Assert.Equal(mime, stored);
        Assert.Equal(mime, StoredMime.Unpack(stored));
    }

    [Fact]
    public void Unpack_Returns_The_Bytes_As_They_Are_When_They_Were_Stored_Before_Compression()
    {
        // Arrange: bodies kept before this format are plain messages, starting with a header name.
        MimeMessage message = Headers();
        message.Body = new TextPart("plain") { Text = "Stored by an older version." };
        using var output = new MemoryStream();
        message.WriteTo(output, TestContext.Current.CancellationToken);
        byte[] plain = output.ToArray();

        // Act
        byte[] unpacked = StoredMime.Unpack(plain);

        // Assert
        Assert.Same(plain, unpacked);
    }

    [Fact]
    public void Unpack_Throws_When_The_Compressed_Body_Is_Damaged()
    {
        // Arrange
        byte[] stored = StoredMime.Pack(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("Subject: the same line again\r\n", 200))));
        Array.Resize(ref stored, stored.Length - 10);

        // Act
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => StoredMime.Unpack(stored));

        // Assert
        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void Unpack_Throws_When_The_Recorded_Length_Is_Impossible(int recorded)
    {
        // Arrange
        byte[] stored = StoredMime.Pack(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("Subject: the same line again\r\n", 200))));
        BinaryPrimitives.WriteInt32LittleEndian(stored.AsSpan(4), recorded);

        // Act
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => StoredMime.Unpack(stored));

        // Assert
        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnpackRented_Returns_The_Sealed_Bytes_In_A_Pooled_Buffer_When_The_Body_Is_Compressed()
    {
        // Arrange
        byte[] mime = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("Subject: the same line again\r\n", 200)));
        byte[] stored = StoredMime.Pack(mime);

        // Act
        (byte[] buffer, int length, bool rented) = StoredMime.UnpackRented(stored);
        (byte[] plainBuffer, int plainLength, bool plainRented) = StoredMime.UnpackRented(mime);

        // Assert
        Assert.True(rented);
        Assert.Equal(mime, buffer.AsSpan(0, length).ToArray());
        Assert.False(plainRented);
        Assert.Same(mime, plainBuffer);
        Assert.Equal(mime.Length, plainLength);
        ArrayPool<byte>.Shared.Return(buffer);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    [InlineData(100)]
    public void UnpackRented_Throws_When_The_Recorded_Length_Is_Wrong(int recorded)
    {
        // Arrange
        byte[] stored = StoredMime.Pack(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("Subject: the same line again\r\n", 200))));
        BinaryPrimitives.WriteInt32LittleEndian(stored.AsSpan(4), recorded);

        // Act
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => StoredMime.UnpackRented(stored));

        // Assert
        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
    }

    private static MimeMessage Headers()
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Paperboy", "digest@paperboy.test"));
        message.To.Add(new MailboxAddress("", "reader@example.com"));
        message.Subject = "10 papers for you";
        message.MessageId = "digest.1@paperboy.test";
        return message;
    }
}
