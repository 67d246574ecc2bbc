namespace Paperboy.Scheduler;

public enum DeliveryFailureKind
{
    /// <summary>Nothing was delivered and trying again later may work (4xx, connection refused).</summary>
    Transient,

    /// <summary>The server refused the message for good (5xx).</summary>
    Permanent,

    /// <summary>The message may have been delivered: it is not sent again automatically.</summary>
    Uncertain,
}
