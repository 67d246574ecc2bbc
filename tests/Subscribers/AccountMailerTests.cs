using Paperboy.Subscribers;
using Xunit;

namespace Paperboy.Tests.Subscribers;

public sealed class AccountMailerTests
{
    [Theory]
    [InlineData(7 * 24 * 60, "7 days")]
    [InlineData(24 * 60, "1 day")]
    [InlineData(36 * 60, "36 hours")]
    [InlineData(60, "1 hour")]
    [InlineData(90, "90 minutes")]
    [InlineData(5, "5 minutes")]
    public void Lifetime_Names_The_Largest_Whole_Unit_When_A_Link_Lasts_Less_Than_A_Day_Or_Not_Whole_Days(int minutes, string expected)
    {
        // Act
        string words = AccountMailer.Lifetime(TimeSpan.FromMinutes(minutes));

        // Assert
        Assert.Equal(expected, words);
    }
}
