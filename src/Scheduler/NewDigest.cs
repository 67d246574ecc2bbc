using Paperboy.Recommender;
using Paperboy.Subscribers;

namespace Paperboy.Scheduler;

/// <summary>Everything one digest writes, in one transaction: the digest, its send log, its link tokens and its message.</summary>
public sealed record NewDigest(
    long SubscriberId,
    string Period,
    IReadOnlyList<Recommendation> Items,
    IReadOnlyList<LinkToken> Tokens,
    OutgoingMessage Message);
