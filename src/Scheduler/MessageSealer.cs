using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Cryptography;
using Paperboy.Hosting;

namespace Paperboy.Scheduler;

/// <summary>
/// Turns a built message into the exact bytes the outbox keeps and sends: DKIM-signed when configured, so
/// every retry sends the same signed bytes.
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

    public OutgoingMessage Seal(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        string messageId = message.MessageId ?? throw new ArgumentException("a message needs a Message-ID", nameof(message));
        // The transfer encoding is fixed here, once: DKIM signs the body as sent, and a quoted-printable part is
        // sent as stored, while an unencoded one is scanned again for every send to choose its encoding.
        message.Prepare(EncodingConstraint.SevenBit);
        if (_signer.Value is { } signer)
        {
            signer.Sign(message, SignedHeaders);
        }

        using var stream = new MemoryStream(InitialCapacity(message));
        message.WriteTo(stream);
        return new OutgoingMessage(messageId, message.To.Mailboxes.Single().Address, message.Subject ?? "", stream.ToArray());
    }

    /// <summary>Room for the whole message at once: growing a buffer of tens of kilobytes copies it several times.</summary>
    private static int InitialCapacity(MimeMessage message) =>
        4096 + message.BodyParts.OfType<TextPart>().Sum(p => p.Content?.Stream is { CanSeek: true } s ? (int)Math.Min(s.Length * 5 / 4, 1 << 22) : 0);

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
