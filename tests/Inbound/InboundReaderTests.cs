using MimeKit;
using Paperboy.Inbound;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Inbound;

public sealed class InboundReaderTests
{
    private const string Token = "AQAAAAAAAAAHAAAAAAAAAAAAAAAAAAAAAAB1x9vNdpLk3tZ7jQ2h_-Aa";

    [Theory]
    [InlineData("failed", "5.1.1", true)]
    [InlineData("failed", "5.7.1", true)]
    [InlineData("failed", "4.4.7", false)]
    [InlineData("delayed", "4.4.1", false)]
    [InlineData("delivered", "2.0.0", false)]
    public void ReadDeliveryStatus_Finds_Hard_Bounces_Only_When_Failed_With_A_Permanent_Status(string action, string status, bool hard)
    {
        // Arrange
        MimeMessage original = Original();
        MimeMessage dsn = ReportMessages.PostfixDsn(original, "reader@example.com", action, status, $"{status} whatever");

        // Act
        DeliveryStatusReport? report = InboundReader.ReadDeliveryStatus(dsn);

        // Assert
        Assert.NotNull(report);
        RecipientStatus recipient = Assert.Single(report.Recipients);
        Assert.Equal(hard, recipient.IsHardBounce);
        Assert.Equal("reader@example.com", recipient.Address);
        Assert.Equal(original.MessageId, report.OriginalMessageId);
        Assert.Null(InboundReader.ReadFeedback(dsn));
    }

    [Fact]
    public void UnsubscribeTokens_Finds_The_Token_In_The_Subject_And_In_A_Plus_Address()
    {
        // Arrange
        var viaSubject = new MimeMessage { Subject = $"Re: unsubscribe {Token}" };
        var viaPlus = new MimeMessage { Subject = "unsubscribe" };
        viaPlus.To.Add(new MailboxAddress("", $"unsubscribe+{Token}@paperboy.example"));
        var longer = new MimeMessage { Subject = $"unsubscribe {Token}x" };

        // Act
        IReadOnlyList<string> fromSubject = InboundReader.UnsubscribeTokens(viaSubject);
        IReadOnlyList<string> fromPlus = InboundReader.UnsubscribeTokens(viaPlus);
        IReadOnlyList<string> fromLonger = InboundReader.UnsubscribeTokens(longer);

        // Assert
        Assert.Equal([Token], fromSubject);
        Assert.Equal([Token], fromPlus);
        Assert.Empty(fromLonger);
    }

    [Fact]
    public void ListUnsubscribeToken_Reads_The_One_Click_Token_Next_To_A_Mailto()
    {
        // Act
        string? token = InboundReader.ListUnsubscribeToken($"<https://papers.example/u/{Token}>, <mailto:unsubscribe@papers.example?subject=unsubscribe%20{Token}>");

        // Assert
        Assert.Equal(Token, token);
        Assert.Null(InboundReader.ListUnsubscribeToken("<mailto:someone@example.com>"));
    }

    private static MimeMessage Original()
    {
        var message = new MimeMessage { Subject = "Your papers", MessageId = "digest.2026-11-27.1.abcdef@paperboy.localhost" };
        message.From.Add(MailboxAddress.Parse("digest@paperboy.localhost"));
        message.To.Add(MailboxAddress.Parse("reader@example.com"));
        message.Body = new TextPart("plain") { Text = "papers" };
        return message;
    }
}
