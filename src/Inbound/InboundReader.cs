using System.Text.RegularExpressions;
using MimeKit;

namespace Paperboy.Inbound;

/// <summary>
/// Reads what the inbound mailbox receives, without trusting it: delivery-status reports, feedback reports and
/// the unsubscribe tokens a message carries. Pure: no I/O, nothing is decided here.
/// </summary>
public static partial class InboundReader
{
    public static DeliveryStatusReport? ReadDeliveryStatus(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (FindReport(message.Body, "delivery-status") is not { } report
            || report.OfType<MessageDeliveryStatus>().FirstOrDefault() is not { } status)
        {
            return null;
        }

        var recipients = new List<RecipientStatus>();
        // The first group is about the message (Reporting-MTA, Arrival-Date); each further one is one recipient.
        foreach (HeaderList group in status.StatusGroups.Skip(1))
        {
            string? action = group["Action"]?.Trim();
            string? code = group["Status"]?.Trim();
            if (action is null || code is null)
            {
                continue;
            }

            recipients.Add(new RecipientStatus(
                Address(group["Original-Recipient"]), Address(group["Final-Recipient"]), action, code, Unfold(group["Diagnostic-Code"])));
        }

        return new DeliveryStatusReport(recipients, OriginalHeaders(report)?[HeaderId.MessageId]?.Trim().Trim('<', '>'));
    }

    public static FeedbackReport? ReadFeedback(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (FindReport(message.Body, "feedback-report") is not { } report
            || report.OfType<MessageFeedbackReport>().FirstOrDefault() is not { } feedback)
        {
            return null;
        }

        return new FeedbackReport(
            feedback.Fields["Feedback-Type"]?.Trim() ?? "",
            Address(feedback.Fields["Original-Rcpt-To"]),
            OriginalHeaders(report));
    }

    /// <summary>
    /// Candidate unsubscribe tokens of a mailto unsubscribe: every token-shaped word of the subject
    /// (<c>unsubscribe TOKEN</c>, also behind "Re:" or a client's prefix), then any plus-address tag of a recipient.
    /// </summary>
    public static IReadOnlyList<string> UnsubscribeTokens(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var tokens = new List<string>();
        tokens.AddRange(TokenShaped().Matches(message.Subject ?? "").Select(m => m.Value));
        IEnumerable<MailboxAddress> recipients = message.To.Mailboxes.Concat(message.Cc.Mailboxes)
            .Concat(message.Headers.Where(h => h.Field.Equals("Delivered-To", StringComparison.OrdinalIgnoreCase)).Select(h => MailboxAddress.TryParse(h.Value, out MailboxAddress? a) ? a : null).OfType<MailboxAddress>());
        foreach (MailboxAddress recipient in recipients)
        {
            int plus = recipient.LocalPart.IndexOf('+', StringComparison.Ordinal);
            if (plus >= 0 && TokenShaped().IsMatch(recipient.LocalPart[(plus + 1)..]))
            {
                tokens.Add(recipient.LocalPart[(plus + 1)..]);
            }
        }

        return [.. tokens.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The token of our one-click link in a List-Unsubscribe header (<c>&lt;https://…/u/TOKEN&gt;, …</c>).</summary>
    public static string? ListUnsubscribeToken(string? header)
    {
        if (header is null)
        {
            return null;
        }

        Match match = OneClickLink().Match(header);
        return match.Success ? match.Groups["token"].Value : null;
    }

    /// <summary>An automatic answer (RFC 3834 <c>Auto-Submitted</c>, or the older vacation conventions).</summary>
    public static bool IsAutoReply(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        string? submitted = message.Headers["Auto-Submitted"];
        string? precedence = message.Headers["Precedence"];
        return (submitted is not null && !submitted.Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
            || message.Headers.Contains("X-Autoreply")
            || message.Headers.Contains("X-Autorespond")
            || precedence?.Trim().ToLowerInvariant() is "auto_reply" or "junk";
    }

    private static MultipartReport? FindReport(MimeEntity? entity, string reportType) => entity switch
    {
        MultipartReport report when string.Equals(report.ReportType, reportType, StringComparison.OrdinalIgnoreCase) => report,
        // Some MTAs wrap the report in a multipart/mixed.
        Multipart multipart => multipart.Select(part => FindReport(part, reportType)).FirstOrDefault(r => r is not null),
        _ => null,
    };

    /// <summary>The headers of the original message a report returns (message/rfc822 or text/rfc822-headers).</summary>
    private static HeaderList? OriginalHeaders(MultipartReport report) =>
        report.OfType<MessagePart>().Select(part => part.Message?.Headers).FirstOrDefault(headers => headers is not null);

    /// <summary><c>rfc822; someone@example.com</c> → <c>someone@example.com</c>.</summary>
    private static string? Address(string? field)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return null;
        }

        int semicolon = field.IndexOf(';', StringComparison.Ordinal);
        string address = (semicolon >= 0 ? field[(semicolon + 1)..] : field).Trim().Trim('<', '>').Trim();
        return address.Contains('@', StringComparison.Ordinal) ? address : null;
    }

    private static string? Unfold(string? value) =>
        value is null ? null : WhiteSpace().Replace(value, " ").Trim();

    [GeneratedRegex("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{56}(?![A-Za-z0-9_-])")]
    private static partial Regex TokenShaped();

    [GeneratedRegex("/u/(?<token>[A-Za-z0-9_-]{56})>")]
    private static partial Regex OneClickLink();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
