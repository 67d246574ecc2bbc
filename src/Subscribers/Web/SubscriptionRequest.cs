namespace Paperboy.Subscribers.Web;

/// <summary>The body of <c>POST /api/subscriptions</c>.</summary>
public sealed record SubscriptionRequest(string? Email, IReadOnlyList<string>? Keywords, string? Frequency, string? TimeZone, int? Hour)
{
    /// <summary>arXiv ids or links of papers the subscriber liked (optional).</summary>
    public IReadOnlyList<string>? Liked { get; init; }
}
