using MimeKit;
using Paperboy.Subscribers;

namespace Paperboy.Inbound;

/// <summary>
/// Acts on one message of the inbound mailbox: hard bounces and abuse complaints suppress the address, a mailto
/// unsubscribe with a genuine token unsubscribes. Every action is idempotent, so a message processed twice
/// (a crash before it was deleted) changes nothing the second time.
/// </summary>
public sealed partial class InboundProcessor(
    InboundStore store,
    SuppressionStore suppressions,
    SubscriberStore subscribers,
    SubscriptionService subscriptions,
    LinkResolver links,
    ILogger<InboundProcessor> logger)
{
    public async Task<InboundOutcome> ProcessAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (InboundReader.ReadDeliveryStatus(message) is { } dsn)
        {
            return await BounceAsync(dsn, cancellationToken);
        }

        if (InboundReader.ReadFeedback(message) is { } feedback)
        {
            return await ComplaintAsync(feedback, cancellationToken);
        }

        IReadOnlyList<string> tokens = InboundReader.UnsubscribeTokens(message);
        foreach (string token in tokens)
        {
            if (await subscriptions.UnsubscribeAsync(token, cancellationToken) is { } subscriber)
            {
                LogUnsubscribed(subscriber.Email, subscriber.Id);
                return new InboundOutcome(InboundKind.Unsubscribe, $"{subscriber.Email} is unsubscribed");
            }
        }

        string from = message.From.Mailboxes.FirstOrDefault()?.Address ?? "(no sender)";
        string why = tokens.Count > 0 ? "an unsubscribe whose token is not a genuine unsubscribe token"
            : InboundReader.IsAutoReply(message) ? "an automatic reply"
            : "neither a report nor an unsubscribe";
        if (tokens.Count > 0)
        {
            LogBadToken(from, message.MessageId);
        }

        LogLeftAlone(why, from, message.MessageId);
        return InboundOutcome.LeftAlone($"{why} (from {from})");
    }

    private async Task<InboundOutcome> BounceAsync(DeliveryStatusReport dsn, CancellationToken cancellationToken)
    {
        // Our Message-ID in the returned headers ties the report to one message we sent, and so to the address
        // we sent it to, even when the MTA reports a forwarded address as Final-Recipient.
        string? ours = dsn.OriginalMessageId is { } id ? await store.RecipientOfAsync(id, cancellationToken) : null;
        RecipientStatus? hard = dsn.Recipients.FirstOrDefault(r => r.IsHardBounce);
        if (hard is null)
        {
            foreach (RecipientStatus soft in dsn.Recipients)
            {
                LogSoftBounce(ours ?? soft.Address ?? "(unknown)", soft.Action, soft.Status, soft.Diagnostic ?? "");
            }

            return dsn.Recipients.Count == 0
                ? InboundOutcome.LeftAlone("a delivery report without recipients")
                : new InboundOutcome(InboundKind.SoftBounce, string.Join("; ", dsn.Recipients.Select(r => $"{ours ?? r.Address}: {r.Action} {r.Status}")));
        }

        string reason = $"bounce: {hard.Status} {hard.Diagnostic}".TrimEnd();
        string? address = ours ?? await KnownAddressAsync([hard.OriginalRecipient, hard.FinalRecipient], cancellationToken);
        if (address is null)
        {
            LogUnknownBounce(hard.Address ?? "(none)", hard.Status);
            return InboundOutcome.LeftAlone($"a bounce for an address Paperboy does not mail ({hard.Address})");
        }

        return new InboundOutcome(InboundKind.HardBounce, await SuppressAsync(address, reason, cancellationToken));
    }

    private async Task<InboundOutcome> ComplaintAsync(FeedbackReport feedback, CancellationToken cancellationToken)
    {
        if (!feedback.IsAbuse)
        {
            string why = $"a feedback report of type '{feedback.FeedbackType}'";
            LogLeftAlone(why, "(report)", null);
            return InboundOutcome.LeftAlone(why);
        }

        // Providers often redact the To of the original; our signed unsubscribe token and our Message-ID are kept.
        string? address = null;
        if (InboundReader.ListUnsubscribeToken(feedback.OriginalHeaders?[HeaderId.ListUnsubscribe]) is { } token
            && await links.ResolveAsync(token, [LinkAction.Unsubscribe], cancellationToken) is { } link)
        {
            address = link.Subscriber.Email;
        }

        if (address is null && feedback.OriginalHeaders?[HeaderId.MessageId] is { } messageId)
        {
            address = await store.RecipientOfAsync(messageId, cancellationToken);
        }

        string? to = feedback.OriginalHeaders?[HeaderId.To] is { } header && MailboxAddress.TryParse(header, out MailboxAddress? parsed) ? parsed.Address : null;
        address ??= await KnownAddressAsync([feedback.OriginalRecipient, to], cancellationToken);
        if (address is null)
        {
            LogUnknownComplaint(feedback.OriginalRecipient ?? to ?? "(redacted)");
            return InboundOutcome.LeftAlone("an abuse report about a message Paperboy cannot match to an address");
        }

        return new InboundOutcome(InboundKind.Complaint, await SuppressAsync(address, "complaint: abuse report", cancellationToken));
    }

    /// <summary>An address the report names that is one of our subscribers (a report we cannot tie to a sent message).</summary>
    private async Task<string?> KnownAddressAsync(IEnumerable<string?> candidates, CancellationToken cancellationToken)
    {
        foreach (string candidate in candidates.OfType<string>())
        {
            if (await subscribers.FindByEmailAsync(candidate, cancellationToken) is { } subscriber)
            {
                return subscriber.Email;
            }
        }

        return null;
    }

    private async Task<string> SuppressAsync(string address, string reason, CancellationToken cancellationToken)
    {
        if (await suppressions.AddAsync(address, reason, cancellationToken))
        {
            LogSuppressed(address, reason);
            return $"{address} is suppressed ({reason})";
        }

        LogAlreadySuppressed(address, reason);
        return $"{address} was already suppressed";
    }

    [LoggerMessage(EventId = 5300, Level = LogLevel.Warning, Message = "Inbound: {Address} is now suppressed: {Reason}")]
    private partial void LogSuppressed(string address, string reason);

    [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "Inbound: {Address} was already suppressed; report ignored ({Reason})")]
    private partial void LogAlreadySuppressed(string address, string reason);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Information, Message = "Inbound: temporary delivery problem for {Address}: {Action} {Status} {Diagnostic}")]
    private partial void LogSoftBounce(string address, string action, string status, string diagnostic);

    [LoggerMessage(EventId = 5303, Level = LogLevel.Warning, Message = "Inbound: a bounce ({Status}) for {Address}, which Paperboy does not mail; left in the mailbox")]
    private partial void LogUnknownBounce(string address, string status);

    [LoggerMessage(EventId = 5304, Level = LogLevel.Warning, Message = "Inbound: an abuse report that matches no address Paperboy mails ({Address}); left in the mailbox")]
    private partial void LogUnknownComplaint(string address);

    [LoggerMessage(EventId = 5305, Level = LogLevel.Information, Message = "Inbound: subscriber {SubscriberId} ({Address}) unsubscribed by mail")]
    private partial void LogUnsubscribed(string address, long subscriberId);

    [LoggerMessage(EventId = 5306, Level = LogLevel.Warning, Message = "Inbound: an unsubscribe mail from {From} (Message-ID {MessageId}) carries no genuine unsubscribe token; nothing changed")]
    private partial void LogBadToken(string from, string? messageId);

    [LoggerMessage(EventId = 5307, Level = LogLevel.Information, Message = "Inbound: left alone: {Why} from {From} (Message-ID {MessageId})")]
    private partial void LogLeftAlone(string why, string from, string? messageId);
}
