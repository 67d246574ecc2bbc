using Microsoft.Extensions.Options;

namespace Paperboy.Inbound;

/// <summary>Opens the configured mailbox with the configured protocol.</summary>
public sealed class InboundMailboxOpener(IOptions<InboundOptions> options) : IInboundMailboxOpener
{
    public async Task<IInboundMailbox> OpenAsync(CancellationToken cancellationToken) =>
        options.Value.Protocol == InboundProtocol.Pop3
            ? await Pop3InboundMailbox.OpenAsync(options.Value, cancellationToken)
            : await ImapInboundMailbox.OpenAsync(options.Value, cancellationToken);
}
