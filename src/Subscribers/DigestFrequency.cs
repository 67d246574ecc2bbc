namespace Paperboy.Subscribers;

public enum DigestFrequency
{
    Daily,
    Weekly,

    /// <summary>Alerts as papers arrive (the delivery issue); until then planned like a daily digest.</summary>
    Instant,

    /// <summary>Subscribed, but nothing is sent until the subscriber picks another frequency.</summary>
    Paused,
}
