using System.Buffers;
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
        return Open(mime, mime.Length);
    }

    /// <summary>
    /// <see cref="Open(byte[])"/> into a pooled buffer, for a message that is sent once and dropped: a digest is tens
    /// of kilobytes, unpacked for every send. The message may be used only until the lease is disposed.
    /// </summary>
    public static StoredMessageLease Lease(byte[] stored)
    {
        (byte[] buffer, int length, bool rented) = StoredMime.UnpackRented(stored);
        try
        {
            return new StoredMessageLease(Open(buffer, length), rented ? buffer : null);
        }
        catch
        {
            if (rented)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            throw;
        }
    }

    private static MimeMessage Open(byte[] mime, int length)
    {
        int body = BodyStart(mime, length);
        HeaderList headers = HeaderList.Load(new MemoryStream(mime, 0, body, writable: false));
        if (body >= length || headers[HeaderId.ContentType] is not { } type || !ContentType.TryParse(type, out ContentType? contentType))
        {
            // Nothing to gain without a body or a (readable) content type: MimeKit's own, forgiving reading handles these.
            return MimeMessage.Load(new MemoryStream(mime, 0, length, writable: false));
        }

        var entity = new StoredBody(contentType, mime.AsMemory(body, length - body));
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
    private static int BodyStart(byte[] mime, int length)
    {
        for (int i = 0; i < length - 1; i++)
        {
            if (mime[i] != '\n')
            {
                continue;
            }

            if (mime[i + 1] == '\n')
            {
                return i + 2;
            }

            if (mime[i + 1] == '\r' && i + 2 < length && mime[i + 2] == '\n')
            {
                return i + 3;
            }
        }

        return length;
    }
}
