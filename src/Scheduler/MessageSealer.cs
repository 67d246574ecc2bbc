using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Cryptography;
using Paperboy.Hosting;

namespace Paperboy.Scheduler;

/// <summary>
/// Turns a message's headers and its two versions into the exact bytes the outbox keeps and sends: DKIM-signed
/// when configured, so every retry sends the same signed bytes.
/// </summary>
public sealed class MessageSealer(IOptions<DkimOptions> options, IHostEnvironment environment)
{
    // Everything a receiver shows or acts on; signing List-Unsubscribe(-Post) is what lets Gmail and Yahoo trust one-click.
    private static readonly HeaderId[] SignedHeaders =
    [
        HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId,
        HeaderId.ListUnsubscribe, HeaderId.ListUnsubscribePost, HeaderId.ListId,
    ];

    private readonly Lazy<DkimSigner?> _signer = new(() => CreateSigner(options.Value, environment));

    /// <param name="message">The message's headers (its body is ignored).</param>
    /// <param name="text">The plain-text version.</param>
    /// <param name="html">The HTML version.</param>
    public OutgoingMessage Seal(MimeMessage message, string text, string html)
    {
        ArgumentNullException.ThrowIfNull(message);
        string messageId = message.MessageId ?? throw new ArgumentException("a message needs a Message-ID", nameof(message));
        string recipient = message.To.Mailboxes.Single().Address;
        if (_signer.Value is not { } signer)
        {
            return new OutgoingMessage(messageId, recipient, message.Subject ?? "", AlternativeMessageWriter.WritePacked(message.Headers, text, html));
        }

        // The signature covers the bytes as written (quoted-printable already, so nothing is re-encoded later),
        // reopened the way the dispatcher sends them.
        byte[] mime = AlternativeMessageWriter.Write(message.Headers, text, html);
        MimeMessage written = StoredMessage.Open(mime);
        signer.Sign(written, SignedHeaders);
        using var output = new MemoryStream(mime.Length + 1024);
        written.WriteTo(output);
        return new OutgoingMessage(messageId, recipient, message.Subject ?? "", StoredMime.Pack(output.GetBuffer().AsSpan(0, (int)output.Length)));
    }

    private static DkimSigner? CreateSigner(DkimOptions options, IHostEnvironment environment)
    {
        if (!options.Enabled)
        {
            return null;
        }

        string path = Path.GetFullPath(options.PrivateKeyPath, environment.ContentRootPath);
        if (!File.Exists(path))
        {
            throw new PaperboyException($"Mail:Dkim:PrivateKeyPath: no such file: {path}");
        }

        return new DkimSigner(path, options.Domain, options.Selector)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
    }
}
