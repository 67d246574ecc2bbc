using MimeKit;

namespace Paperboy.Scheduler;

/// <summary>
/// A stored message, ready to hand to a transport without being parsed: its headers are read, and its body is
/// written out as the stored bytes (<see cref="StoredBody"/>), already encoded as they were when sealed. Takes
/// what <c>outbox_bodies</c> keeps (<see cref="StoredMime"/>, compressed or plain) as well as a message's bytes.
/// </summary>
/// <remarks>
/// Why not <see cref="MimeMessage.Load(Stream, bool, CancellationToken)"/>: the parser builds every part of the
/// message only for MailKit to write each of them back out through MimeKit's filters, the same bytes again, for
/// every message sent. What goes on the wire is the same (<c>StoredMessageTests</c> compares it with a parsed copy).
/// </remarks>
public static class StoredMessage
{
    public static MimeMessage Open(byte[] stored)
    {
        byte[] mime = StoredMime.Unpack(stored);
        int body = BodyStart(mime);
        HeaderList headers = HeaderList.Load(new MemoryStream(mime, 0, body, writable: false));
        if (body >= mime.Length || headers[HeaderId.ContentType] is not { } type || !ContentType.TryParse(type, out ContentType? contentType))
        {
            // Nothing to gain without a body or a (readable) content type: MimeKit's own, forgiving reading handles these.
            return MimeMessage.Load(new MemoryStream(mime, writable: false));
        }

        var entity = new StoredBody(contentType, mime.AsMemory(body));
        var message = new MimeMessage([.. headers.Where(h => !IsContentHeader(h))]);
        foreach (Header header in headers.Where(h => IsContentHeader(h) && h.Id != HeaderId.ContentType))
        {
            entity.Headers.Add(header);
        }

        message.Body = entity;
        return message;
    }

    private static bool IsContentHeader(Header header) => header.Field.StartsWith("Content-", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where the body starts: after the first empty line (LF or CRLF line ends), or the end when there is none.</summary>
    private static int BodyStart(byte[] mime)
    {
        for (int i = 0; i < mime.Length - 1; i++)
        {
            if (mime[i] != '\n')
            {
                continue;
            }

            if (mime[i + 1] == '\n')
            {
                return i + 2;
            }

            if (mime[i + 1] == '\r' && i + 2 < mime.Length && mime[i + 2] == '\n')
            {
                return i + 3;
            }
        }

        return mime.Length;
    }
}
