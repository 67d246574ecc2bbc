namespace Paperboy.Inbound;

/// <summary>What a message in the inbound mailbox turned out to be.</summary>
public enum InboundKind
{
    /// <summary>A DSN with Action: failed and a 5.x.x status: the address is suppressed.</summary>
    HardBounce,

    /// <summary>A DSN that is delayed or failed temporarily (4.x.x): logged only.</summary>
    SoftBounce,

    /// <summary>An ARF abuse report: the address is suppressed.</summary>
    Complaint,

    /// <summary>A mailto unsubscribe with a genuine unsubscribe token.</summary>
    Unsubscribe,

    /// <summary>Anything else (auto-replies, unknown addresses, bad tokens, garbage): logged and left in the mailbox.</summary>
    LeftAlone,
}
