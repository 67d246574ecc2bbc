using System.Security.Cryptography;
using MimeKit;

namespace Paperboy.Scheduler;

/// <summary>Builds the headers of a one-off message (confirmation, notice); <see cref="MessageSealer"/> adds the body, signs and stores it.</summary>
public static class TransactionalMessageBuilder
{
    public static MimeMessage Build(MailboxAddress from, string recipient, string subject, string kind, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(from);
        string domain = from.Domain.Length > 0 ? from.Domain : "paperboy.localhost";
        var message = new MimeMessage
        {
            Subject = subject,
            MessageId = $"{kind}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}@{domain}",
            Date = now,
        };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(recipient));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }
}
