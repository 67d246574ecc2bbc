using Paperboy.Hosting;
using Xunit;

namespace Paperboy.Tests.Hosting;

public sealed class CliTimeTests
{
    [Theory]
    [InlineData("2026-11-28T15:34:00.558Z", "2026-11-28 15:34 UTC")]
    [InlineData("2026-11-28T16:34:00+01:00", "2026-11-28 15:34 UTC")]
    [InlineData("not a time", "not a time")]
    public void Format_Writes_One_Spelling_Of_An_Instant_When_Given_Stored_Text(string stored, string expected)
    {
        // Act
        string text = CliTime.Format(stored);

        // Assert
        Assert.Equal(expected, text);
    }
}
