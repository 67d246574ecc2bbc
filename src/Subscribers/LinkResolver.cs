namespace Paperboy.Subscribers;

/// <summary>Turns a token from a URL into the subscriber and claim it was issued for, or nothing.</summary>
public sealed class LinkResolver(SubscriberStore subscribers, LinkSigningKey key, TimeProvider time)
{
    /// <summary>
    /// The link's subscriber and claim when the token is genuine, names one of <paramref name="actions"/>
    /// and its subscriber still exists; otherwise null (forged, truncated, another action, deleted subscriber).
    /// </summary>
    public async Task<ResolvedLink?> ResolveAsync(string token, IReadOnlyCollection<LinkAction> actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actions);
        LinkClaim? claim = LinkTokens.Read(token);
        if (claim is null || !actions.Contains(claim.Action))
        {
            return null;
        }

        Subscriber? subscriber = await subscribers.FindAsync(claim.SubscriberId, cancellationToken);
        if (subscriber is null || !LinkTokens.Verify(key.Value, subscriber.LinkSecret, token))
        {
            return null;
        }

        return new ResolvedLink(subscriber, claim, claim.ExpiresAt is { } expires && expires < time.GetUtcNow());
    }
}
