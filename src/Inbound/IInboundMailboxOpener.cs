namespace Paperboy.Inbound;

/// <summary>Opens the inbound mailbox (an interface so tests can wrap the real session, e.g. to cut it before it ends).</summary>
public interface IInboundMailboxOpener
{
    Task<IInboundMailbox> OpenAsync(CancellationToken cancellationToken);
}
