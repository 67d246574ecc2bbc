namespace Paperboy.Scheduler;

/// <summary>What ranking needs to know about a subscriber's past: papers they liked or disliked, and every paper ever sent to them.</summary>
public sealed record SubscriberHistory(IReadOnlyList<long> Liked, IReadOnlyList<long> Disliked, IReadOnlySet<long> Sent)
{
    public static SubscriberHistory Empty { get; } = new([], [], new HashSet<long>());
}
