namespace Paperboy.Subscribers;

public sealed record Subscriber(
    long Id,
    string Email,
    SubscriberStatus Status,
    DigestFrequency Frequency,
    string TimeZone,
    int DeliveryHour,
    IReadOnlyList<string> Keywords);
