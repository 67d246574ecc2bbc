using System.Net.Sockets;
using MailKit;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Paperboy.Hosting;

namespace Paperboy.Inbound;

/// <summary>
/// Reads every new message of the inbound mailbox once: processes it, records what it was, deletes it when it
/// was handled and leaves it for a person otherwise. The Quartz job and <c>inbound poll</c> call this.
/// </summary>
/// <remarks>
/// Crash safety: a message is recorded before it is deleted, and deletions take effect only at the end (EXPUNGE,
/// QUIT). A poll that dies in between leaves recorded messages in the mailbox; the next poll deletes them
/// without processing them again. One that dies before recording processes them again, which changes nothing.
/// </remarks>
public sealed partial class InboundPoller(
    IOptions<InboundOptions> options,
    IInboundMailboxOpener opener,
    InboundStore store,
    InboundProcessor processor,
    ILogger<InboundPoller> logger)
{
    public async Task<InboundReport> PollAsync(CancellationToken cancellationToken)
    {
        InboundOptions inbound = options.Value;
        if (!inbound.Enabled)
        {
            throw new PaperboyException("Mail:Inbound is not configured: set Mail:Inbound:Host, Username and Password");
        }

        try
        {
            return await PollOpenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ProtocolException or CommandException or AuthenticationException or SslHandshakeException or FolderNotFoundException)
        {
            LogUnavailable(inbound.Protocol, inbound.Host, inbound.Port, ex.Message);
            throw new PaperboyException($"Mail:Inbound: {inbound.Protocol} {inbound.Host}:{inbound.Port}: {ex.Message}", ex);
        }
    }

    private async Task<InboundReport> PollOpenAsync(CancellationToken cancellationToken)
    {
        await using IInboundMailbox mailbox = await opener.OpenAsync(cancellationToken);
        IReadOnlyList<string> keys = await mailbox.KeysAsync(cancellationToken);
        Dictionary<string, bool> known = await store.KnownAsync(mailbox.Name, cancellationToken);
        var report = new InboundReport();
        var deleted = new List<string>();
        foreach (string key in keys)
        {
            if (known.TryGetValue(key, out bool handled))
            {
                if (handled)
                {
                    await mailbox.DeleteAsync(key, cancellationToken);
                    deleted.Add(key);
                    report.AddFinished();
                }
                else
                {
                    report.AddSkipped();
                }

                continue;
            }

            InboundOutcome? outcome = await ProcessAsync(mailbox, key, cancellationToken);
            if (outcome is null)
            {
                report.AddFailed();
                continue;
            }

            report.Add(key, outcome);
            await store.RecordAsync(mailbox.Name, key, outcome.Handled, $"{outcome.Kind}: {outcome.Detail}", cancellationToken);
            if (outcome.Handled)
            {
                await mailbox.DeleteAsync(key, cancellationToken);
                deleted.Add(key);
            }
        }

        await mailbox.CommitAsync(cancellationToken);
        var present = new HashSet<string>(keys, StringComparer.Ordinal);
        await store.ForgetAsync(mailbox.Name, known.Keys.Where(k => !present.Contains(k)).Concat(deleted), cancellationToken);
        LogSummary(mailbox.Name, report);

        return report;
    }

    /// <summary>The outcome, or null when processing failed for a reason that may pass (the message is read again next poll).</summary>
    private async Task<InboundOutcome?> ProcessAsync(IInboundMailbox mailbox, string key, CancellationToken cancellationToken)
    {
        MimeMessage message;
        try
        {
            message = await mailbox.ReadAsync(key, cancellationToken);
        }
        catch (FormatException ex)
        {
            LogMalformed(key, ex.Message);
            return InboundOutcome.LeftAlone($"not a readable message: {ex.Message}");
        }

        try
        {
            return await processor.ProcessAsync(message, cancellationToken);
        }
        catch (FormatException ex)
        {
            // MimeKit parses report parts lazily: a broken delivery-status part surfaces here.
            LogMalformed(key, ex.Message);
            return InboundOutcome.LeftAlone($"a malformed message: {ex.Message}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex, key, message.MessageId);
            return null;
        }
    }

    private void LogSummary(string mailbox, InboundReport report)
    {
        int read = report.Outcomes.Count;
        int hard = report.Count(InboundKind.HardBounce);
        int soft = report.Count(InboundKind.SoftBounce);
        int complaints = report.Count(InboundKind.Complaint);
        int unsubscribes = report.Count(InboundKind.Unsubscribe);
        int leftAlone = report.Count(InboundKind.LeftAlone);
        LogPolled(mailbox, read, hard, soft, complaints, unsubscribes, leftAlone, report.Failed);
    }

    [LoggerMessage(EventId = 5310, Level = LogLevel.Information,
        Message = "Inbound: polled {Mailbox}: {Read} new message(s): {HardBounces} hard bounce(s), {SoftBounces} soft, {Complaints} complaint(s), {Unsubscribes} unsubscribe(s), {LeftAlone} left alone, {Failed} failed")]
    private partial void LogPolled(string mailbox, int read, int hardBounces, int softBounces, int complaints, int unsubscribes, int leftAlone, int failed);

    [LoggerMessage(EventId = 5311, Level = LogLevel.Warning, Message = "Inbound: message {Key} is malformed and left alone: {Error}")]
    private partial void LogMalformed(string key, string error);

    [LoggerMessage(EventId = 5312, Level = LogLevel.Error, Message = "Inbound: processing message {Key} (Message-ID {MessageId}) failed; it is read again next poll")]
    private partial void LogFailed(Exception exception, string key, string? messageId);

    [LoggerMessage(EventId = 5313, Level = LogLevel.Error, Message = "Inbound: the {Protocol} mailbox {Host}:{Port} cannot be read: {Error}")]
    private partial void LogUnavailable(InboundProtocol protocol, string host, int port, string error);
}
