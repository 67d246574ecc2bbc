using Microsoft.Extensions.Options;
using Paperboy.Scheduler;
using Xunit;

namespace Paperboy.Tests.Scheduler;

public sealed class DeliveryLimitsTests
{
    [Theory]
    [InlineData(MailTransportKind.Smtp, null, null, DeliveryLimits.SmtpPerSecond, DeliveryLimits.SmtpPerHour)]
    [InlineData(MailTransportKind.Pickup, null, null, 0, 0)]
    [InlineData(MailTransportKind.Smtp, 0, 0, 0, 0)]
    [InlineData(MailTransportKind.Pickup, 5, 100, 5, 100)]
    public void Constructor_Takes_The_Transport_Default_When_A_Limit_Is_Not_Configured(
        MailTransportKind transport, int? perSecond, int? perHour, int expectedPerSecond, int expectedPerHour)
    {
        // Arrange
        var mail = Options.Create(new MailOptions { Transport = transport });
        var limits = Options.Create(new RateLimitOptions { PerSecond = perSecond, PerHour = perHour });

        // Act
        using var delivery = new DeliveryLimits(mail, limits);

        // Assert
        Assert.Equal(expectedPerSecond, delivery.PerSecond);
        Assert.Equal(expectedPerHour, delivery.PerHour);
    }

    [Fact]
    public async Task WaitForTurnAsync_Holds_The_Next_Message_When_The_Second_Is_Used_Up()
    {
        // Arrange
        using var delivery = new DeliveryLimits(
            Options.Create(new MailOptions { Transport = MailTransportKind.Smtp }), Options.Create(new RateLimitOptions { PerSecond = 2, PerHour = 0 }));
        CancellationToken token = TestContext.Current.CancellationToken;

        // Act
        ValueTask first = delivery.WaitForTurnAsync(token);
        ValueTask second = delivery.WaitForTurnAsync(token);
        Task third = delivery.WaitForTurnAsync(token).AsTask();

        // Assert: two go at once, the third only when the bucket refills.
        Assert.True(first.IsCompletedSuccessfully);
        Assert.True(second.IsCompletedSuccessfully);
        Assert.False(third.IsCompleted);
        await third.WaitAsync(TimeSpan.FromSeconds(30), token);
    }
}
