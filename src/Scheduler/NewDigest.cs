using Paperboy.Recommender;

namespace Paperboy.Scheduler;

/// <summary>Everything one digest writes, in one transaction: the digest, its send log and its message.</summary>
public sealed record NewDigest(
    long SubscriberId,
    string Period,
    IReadOnlyList<Recommendation> Items,
    OutgoingMessage Message);
