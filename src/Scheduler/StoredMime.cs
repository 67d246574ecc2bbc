using System.Buffers;
using System.Buffers.Binary;
using K4os.Compression.LZ4;

namespace Paperboy.Scheduler;

/// <summary>
/// How a sealed message is kept in <c>outbox_bodies</c>: LZ4-compressed behind a short marker, or as the plain bytes.
/// </summary>
/// <remarks>
/// A digest's MIME text is repetitive (inline styles, the same markup for every paper) and LZ4 makes it about a third
/// of its size for tens of microseconds. Every stored byte is written to the write-ahead log under the database's
/// one write lock, copied again by the checkpoint, and read back by the sender's claim, so the smaller body shortens
/// the lock the senders wait for. The marker starts with a NUL byte, which no message can start with (header
/// names are printable ASCII), so bodies stored before compression, and plain ones, are read as they are.
/// </remarks>
public static class StoredMime
{
    private static readonly byte[] Marker = "\0LZ4"u8.ToArray();
    private const int HeaderLength = 8;

    /// <summary>The bytes to store for <paramref name="mime"/>: compressed, or the message itself when that is not smaller.</summary>
    public static byte[] Pack(ReadOnlySpan<byte> mime)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(HeaderLength + LZ4Codec.MaximumOutputSize(mime.Length));
        try
        {
            int length = LZ4Codec.Encode(mime, buffer.AsSpan(HeaderLength), LZ4Level.L00_FAST);
            if (length <= 0 || HeaderLength + length >= mime.Length)
            {
                return mime.ToArray();
            }

            Marker.CopyTo(buffer, 0);
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(Marker.Length), mime.Length);
            return buffer.AsSpan(0, HeaderLength + length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The message that <paramref name="stored"/> holds.</summary>
    public static byte[] Unpack(byte[] stored)
    {
        int length = UnpackedLength(stored);
        if (length < 0)
        {
            return stored;
        }

        var mime = new byte[length];
        Decode(stored, mime, length);
        return mime;
    }

    /// <summary>
    /// The message that <paramref name="stored"/> holds, in the first <c>Length</c> bytes of a buffer rented from
    /// <see cref="ArrayPool{T}.Shared"/> when it was compressed (<c>Rented</c>), else <paramref name="stored"/> itself.
    /// </summary>
    internal static (byte[] Buffer, int Length, bool Rented) UnpackRented(byte[] stored)
    {
        int length = UnpackedLength(stored);
        if (length < 0)
        {
            return (stored, stored.Length, false);
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Decode(stored, buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        return (buffer, length, true);
    }

    /// <summary>The recorded length of a compressed body, or -1 for plain bytes.</summary>
    private static int UnpackedLength(byte[] stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Length < HeaderLength || !stored.AsSpan(0, Marker.Length).SequenceEqual(Marker))
        {
            return -1;
        }

        // LZ4 expands at most 255 times, so a larger recorded length is damage, not a message to allocate room for.
        int length = BinaryPrimitives.ReadInt32LittleEndian(stored.AsSpan(Marker.Length));
        return length >= 0 && length <= 255L * stored.Length ? length : throw Damaged();
    }

    private static void Decode(byte[] stored, byte[] mime, int length)
    {
        if (LZ4Codec.Decode(stored.AsSpan(HeaderLength), mime.AsSpan(0, length)) != length)
        {
            throw Damaged();
        }
    }

    private static InvalidDataException Damaged() =>
        new("a stored message is damaged: its compressed body does not unpack to its recorded length");
}
