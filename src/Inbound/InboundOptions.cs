using System.ComponentModel.DataAnnotations;
using MailKit.Security;
using MimeKit;

namespace Paperboy.Inbound;

/// <summary>
/// The mailbox that receives bounces (DSNs), complaints (ARF) and mailto unsubscribes. Off while
/// <see cref="Host"/> is empty; then digests carry only the https one-click unsubscribe link.
/// </summary>
public sealed class InboundOptions : IValidatableObject
{
    public const string Section = "Mail:Inbound";

    public InboundProtocol Protocol { get; set; } = InboundProtocol.Imap;

    /// <summary>The IMAP or POP3 server; empty turns the inbound mailbox off.</summary>
    public string Host { get; set; } = "";

    /// <summary>0 picks the protocol's default for <see cref="Security"/> (143/993 for IMAP, 110/995 for POP3).</summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;

    public string Username { get; set; } = "";

    /// <summary>Set it from the environment (<c>Mail__Inbound__Password</c>) or a secret store, not a committed file.</summary>
    public string Password { get; set; } = "";

    /// <summary>The IMAP folder to read (POP3 has only the one mailbox).</summary>
    [Required]
    public string Folder { get; set; } = "INBOX";

    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Where mailto unsubscribes go (e.g. <c>unsubscribe@paperboy.example</c>); it must deliver into this mailbox.
    /// Empty: digests carry only the https one-click link.
    /// </summary>
    public string UnsubscribeAddress { get; set; } = "";

    public bool Enabled => Host.Length > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && (Username.Length == 0 || Password.Length == 0))
        {
            yield return new ValidationResult("Mail:Inbound needs Username and Password with Host", [nameof(Username), nameof(Password)]);
        }

        if (UnsubscribeAddress.Length > 0)
        {
            if (!Enabled)
            {
                yield return new ValidationResult(
                    "Mail:Inbound:UnsubscribeAddress needs Mail:Inbound:Host: mail to it would never be read", [nameof(UnsubscribeAddress)]);
            }

            if (!MailboxAddress.TryParse(UnsubscribeAddress, out MailboxAddress? address)
                || !string.IsNullOrEmpty(address.Name)
                || address.LocalPart.Length == 0
                || !address.Domain.Contains('.', StringComparison.Ordinal))
            {
                yield return new ValidationResult(
                    $"Mail:Inbound:UnsubscribeAddress '{UnsubscribeAddress}' is not a bare address like unsubscribe@example.org", [nameof(UnsubscribeAddress)]);
            }
        }
    }
}
