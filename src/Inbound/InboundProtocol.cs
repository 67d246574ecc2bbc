namespace Paperboy.Inbound;

/// <summary>How the bounce mailbox is read.</summary>
public enum InboundProtocol
{
    Imap,
    Pop3,
}
