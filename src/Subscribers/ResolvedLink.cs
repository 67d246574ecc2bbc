namespace Paperboy.Subscribers;

public sealed record ResolvedLink(Subscriber Subscriber, LinkClaim Claim, bool Expired);
