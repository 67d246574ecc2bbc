using System.Text;
using System.Text.RegularExpressions;
using Paperboy.Scheduler;
using Xunit;

namespace Paperboy.Tests.Scheduler;

public sealed class CrlfLinesTests
{
    [Fact]
    public void Fill_Turns_Lone_Line_Feeds_Into_Crlf_When_Other_Line_Ends_Are_There_Too()
    {
        // Arrange: LF, CRLF already, a lone CR, an LF first and last.
        byte[] source = Encoding.ASCII.GetBytes("\nfirst\nsecond\r\nthird\rstill third\n\n");

        // Act
        string written = Encoding.ASCII.GetString(FillAll(source, 4096));

        // Assert
        Assert.Equal("\r\nfirst\r\nsecond\r\nthird\rstill third\r\n\r\n", written);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(17)]
    [InlineData(4096)]
    public void Fill_Gives_The_Same_Bytes_Whatever_The_Buffer_Size_When_Line_Ends_Fall_On_The_Buffer_Edge(int bufferSize)
    {
        // Arrange: random lines of LF, CRLF and CR ends, so CR and LF of one line end land in different fills.
        var random = new Random(bufferSize);
        var text = new StringBuilder();
        for (int i = 0; i < 400; i++)
        {
            text.Append('x', random.Next(0, 9)).Append(random.Next(3) switch { 0 => "\n", 1 => "\r\n", _ => "\r" });
        }

        byte[] source = Encoding.ASCII.GetBytes(text.ToString());
        string expected = Regex.Replace(text.ToString(), "(?<!\r)\n", "\r\n");

        // Act
        string written = Encoding.ASCII.GetString(FillAll(source, bufferSize));

        // Assert
        Assert.Equal(expected, written);
    }

    private static byte[] FillAll(byte[] source, int bufferSize)
    {
        var output = new MemoryStream();
        byte[] buffer = new byte[bufferSize];
        int at = 0;
        while (at < source.Length)
        {
            int written = CrlfLines.Fill(source, ref at, buffer);
            Assert.InRange(written, 1, bufferSize);
            output.Write(buffer, 0, written);
        }

        return output.ToArray();
    }
}
