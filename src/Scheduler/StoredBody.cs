using System.Buffers;
using MimeKit;
using MimeKit.IO;
using MimeKit.IO.Filters;

namespace Paperboy.Scheduler;

/// <summary>The body of a stored message: its encoded bytes, written as they are apart from line ends.</summary>
internal sealed class StoredBody(ContentType type, ReadOnlyMemory<byte> encoded) : MimeEntity(type)
{
    // Written in pieces, as MimeKit writes a part's content: the stream below buffers no more than that.
    private const int Chunk = 4096;

    // Already encoded when sealed (7bit or quoted-printable parts): there is nothing to prepare.
    public override void Prepare(EncodingConstraint constraint, int maxLineLength = 78)
    {
    }

    public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        base.WriteTo(options, stream, contentOnly, cancellationToken);
        if (options.NewLineFormat != NewLineFormat.Dos)
        {
            using FilteredStream filtered = UnixLineEnds(stream);
            for (int at = 0; at < encoded.Length; at += Chunk)
            {
                filtered.Write(encoded.Span.Slice(at, Math.Min(Chunk, encoded.Length - at)));
            }

            filtered.Flush(cancellationToken);
            return;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(Chunk);
        try
        {
            for (int at = 0; at < encoded.Length;)
            {
                stream.Write(buffer, 0, CrlfLines.Fill(encoded.Span, ref at, buffer));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override async Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await base.WriteToAsync(options, stream, contentOnly, cancellationToken);
        if (options.NewLineFormat != NewLineFormat.Dos)
        {
            using FilteredStream filtered = UnixLineEnds(stream);
            for (int at = 0; at < encoded.Length; at += Chunk)
            {
                await filtered.WriteAsync(encoded.Slice(at, Math.Min(Chunk, encoded.Length - at)), cancellationToken);
            }

            await filtered.FlushAsync(cancellationToken);
            return;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(Chunk);
        try
        {
            for (int at = 0; at < encoded.Length;)
            {
                int length = CrlfLines.Fill(encoded.Span, ref at, buffer);
                await stream.WriteAsync(buffer.AsMemory(0, length), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Stored line ends as LF (an .eml file on this system), by MimeKit's own filter.</summary>
    private static FilteredStream UnixLineEnds(Stream stream)
    {
        var filtered = new FilteredStream(stream);
        filtered.Add(new Dos2UnixFilter());
        return filtered;
    }
}
