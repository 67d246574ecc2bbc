using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Paperboy.Subscribers;
using Xunit;

namespace Paperboy.Tests.Subscribers;

public sealed class LinkTokensTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly LinkClaim Claim = new(42, LinkAction.MoreLikeThis, 1234, new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Issue_Produces_A_Token_That_Reads_Back_And_Verifies_When_Nothing_Was_Changed()
    {
        // Act
        string token = LinkTokens.Issue(Key, "secret-a", Claim);

        // Assert
        Assert.Equal(56, token.Length);
        Assert.Equal(Claim, LinkTokens.Read(token));
        Assert.True(LinkTokens.Verify(Key, "secret-a", token));
    }

    [Fact]
    public void Verify_Fails_When_The_Subscriber_Secret_Or_The_Key_Differs()
    {
        // Arrange
        string token = LinkTokens.Issue(Key, "secret-a", Claim);

        // Act / Assert
        Assert.False(LinkTokens.Verify(Key, "secret-b", token));
        Assert.False(LinkTokens.Verify(RandomNumberGenerator.GetBytes(32), "secret-a", token));
    }

    [Fact]
    public void Issue_Signs_As_Links_Already_Sent_Were_Signed_When_Keys_And_Secrets_Alternate()
    {
        // Arrange: the MAC as it has always been made (first 16 bytes of HMAC-SHA256 over the payload and the
        // secret), so links in mail already delivered keep working; two keys in turn on one thread, and a secret
        // longer than the stack buffer.
        byte[] otherKey = RandomNumberGenerator.GetBytes(32);
        string longSecret = new('s', 300);
        (byte[] Key, string Secret)[] uses = [(Key, "secret-a"), (otherKey, "secret-a"), (Key, longSecret), (otherKey, "é-secret"), (Key, "secret-a")];

        foreach ((byte[] key, string secret) in uses)
        {
            // Act
            string token = LinkTokens.Issue(key, secret, Claim);

            // Assert
            byte[] bytes = Base64Url.DecodeFromChars(token);
            byte[] input = [.. bytes[..26], .. Encoding.UTF8.GetBytes(secret)];
            byte[] expected = HMACSHA256.HashData(key, input);
            Assert.Equal(expected[..16], bytes[26..]);
            Assert.True(LinkTokens.Verify(key, secret, token));
            Assert.False(LinkTokens.Verify(key == Key ? otherKey : Key, secret, token));
        }
    }

    [Fact]
    public void Verify_Fails_When_Any_Character_Of_The_Token_Is_Changed()
    {
        // Arrange
        string token = LinkTokens.Issue(Key, "secret-a", Claim);

        // Act
        List<int> accepted = [.. Enumerable.Range(0, token.Length).Where(i => LinkTokens.Verify(Key, "secret-a", Replace(token, i)))];

        // Assert
        Assert.Empty(accepted);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AQEAAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!")]
    public void Read_Returns_Null_When_The_Token_Is_Malformed(string token)
    {
        // Act
        LinkClaim? claim = LinkTokens.Read(token);

        // Assert
        Assert.Null(claim);
        Assert.False(LinkTokens.Verify(Key, "secret-a", token));
    }

    [Fact]
    public void KeywordArgument_Is_The_Same_Whatever_The_Case_And_Spacing_Of_The_Keyword()
    {
        // Act / Assert
        Assert.Equal(LinkTokens.KeywordArgument("Graph Neural Networks"), LinkTokens.KeywordArgument(" graph neural networks "));
        Assert.NotEqual(LinkTokens.KeywordArgument("graphs"), LinkTokens.KeywordArgument("graph"));
    }

    private static string Replace(string token, int index) =>
        string.Concat(token.AsSpan(0, index), token[index] == 'A' ? "B" : "A", token.AsSpan(index + 1));
}
