namespace Paperboy.Subscribers;

/// <summary>What a link token says: who, what action, on what (a paper id or keyword hash), until when.</summary>
public sealed record LinkClaim(long SubscriberId, LinkAction Action, long Argument, DateTimeOffset? ExpiresAt);
