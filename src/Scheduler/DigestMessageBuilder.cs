using System.Globalization;
using System.Security.Cryptography;
using MimeKit;

namespace Paperboy.Scheduler;

/// <summary>Builds the headers of a digest's message (<see cref="MessageSealer"/> adds the two versions, signs and stores it).</summary>
public static class DigestMessageBuilder
{
    public static MimeMessage Build(
        MailboxAddress from,
        string recipient,
        string subject,
        string period,
        long subscriberId,
        string unsubscribeUrl,
        string? unsubscribeMailto,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(from);
        string domain = from.Domain.Length > 0 ? from.Domain : "paperboy.localhost";

        // Unique across installations, and stored with the message so every retry carries the same id.
        string messageId = string.Create(
            CultureInfo.InvariantCulture,
            $"digest.{period}.{subscriberId}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}@{domain}");

        var message = new MimeMessage
        {
            Subject = subject,
            MessageId = messageId,
            Date = now,
        };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(recipient));
        // RFC 2369: the https link first (one-click), the mailto for clients that only mail (when an inbound mailbox reads it).
        message.Headers.Add("List-Unsubscribe", unsubscribeMailto is null ? $"<{unsubscribeUrl}>" : $"<{unsubscribeUrl}>, <{unsubscribeMailto}>");
        // RFC 8058: the provider may POST "List-Unsubscribe=One-Click" to that URL, with no cookies.
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("Precedence", "bulk");
        message.Headers.Add("List-Id", $"Paperboy digest <digest.{domain}>");
        return message;
    }
}
