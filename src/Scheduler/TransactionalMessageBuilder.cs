using System.Security.Cryptography;
using MimeKit;

namespace Paperboy.Scheduler;

/// <summary>Builds a one-off message (confirmation, notice); <see cref="MessageSealer"/> signs and stores it.</summary>
public static class TransactionalMessageBuilder
{
    public static MimeMessage Build(MailboxAddress from, string recipient, string subject, string kind, string html, string text, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(from);
        string domain = from.Domain.Length > 0 ? from.Domain : "paperboy.localhost";
        var message = new MimeMessage
        {
            Subject = subject,
            MessageId = $"{kind}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}@{domain}",
            Date = now,
            Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody(),
        };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(recipient));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }
}
