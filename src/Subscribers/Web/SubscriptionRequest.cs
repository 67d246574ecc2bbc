namespace Paperboy.Subscribers.Web;

/// <summary>The body of <c>POST /api/subscriptions</c>.</summary>
public sealed record SubscriptionRequest(string? Email, IReadOnlyList<string>? Keywords, string? Frequency, string? TimeZone, int? Hour);
