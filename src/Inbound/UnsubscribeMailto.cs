using Microsoft.Extensions.Options;
using Paperboy.Subscribers;

namespace Paperboy.Inbound;

/// <summary>
/// The mailto half of a digest's <c>List-Unsubscribe</c>: the configured address with the subscriber's
/// one-click unsubscribe token in the subject. The subject, not a plus-address, carries it: local parts are
/// limited to 64 characters and some servers lower-case them, while tokens are case-sensitive base64url.
/// </summary>
public sealed class UnsubscribeMailto(IOptions<InboundOptions> options, LinkBuilder links)
{
    public const string SubjectWord = "unsubscribe";

    /// <summary>The mailto URI, or null when no unsubscribe address is configured.</summary>
    public string? For(Subscriber subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        InboundOptions inbound = options.Value;
        if (!inbound.Enabled || inbound.UnsubscribeAddress.Length == 0)
        {
            return null;
        }

        // The token's alphabet (A-Z a-z 0-9 - _) needs no escaping in a URI; the space does.
        return $"mailto:{inbound.UnsubscribeAddress}?subject={SubjectWord}%20{links.UnsubscribeToken(subscriber)}";
    }
}
