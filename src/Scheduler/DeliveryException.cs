namespace Paperboy.Scheduler;

/// <summary>A transport's failure, classified so the dispatcher knows whether a retry could duplicate mail.</summary>
public sealed class DeliveryException : Exception
{
    public DeliveryException()
    {
    }

    public DeliveryException(string message)
        : base(message)
    {
    }

    public DeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DeliveryException(DeliveryFailureKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public DeliveryFailureKind Kind { get; }

    /// <summary>The server refused the recipient itself (a 5xx at RCPT TO): a hard bounce.</summary>
    public bool RecipientRejected { get; init; }
}
