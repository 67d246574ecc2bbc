namespace Paperboy.Inbound;

/// <summary>What processing one message did; a handled message is deleted from the mailbox, any other is left there.</summary>
public sealed record InboundOutcome(InboundKind Kind, string Detail)
{
    public bool Handled => Kind != InboundKind.LeftAlone;

    public static InboundOutcome LeftAlone(string why) => new(InboundKind.LeftAlone, why);
}
