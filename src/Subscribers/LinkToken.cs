using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Paperboy.Subscribers;

/// <summary>
/// A link token: 256 random bits from the operating system's CSPRNG, given to the subscriber in a URL.
/// Only its SHA-256 hash is stored, so a copy of the database cannot be used to act for anyone.
/// </summary>
public sealed record LinkToken(string Token, string Hash, long SubscriberId, LinkAction Action)
{
    private const int TokenBytes = 32;

    public static LinkToken Issue(long subscriberId, LinkAction action)
    {
        string token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));
        return new LinkToken(token, HashOf(token), subscriberId, action);
    }

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string ActionText(LinkAction action) => action.ToString().ToLowerInvariant();
}
