namespace Paperboy.Subscribers;

public enum SubscriberStatus
{
    /// <summary>Signed up on the web, not yet confirmed: never mailed a digest.</summary>
    Pending,
    Active,
    Unsubscribed,
}
