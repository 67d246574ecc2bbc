using MimeKit;
using MimeKit.IO;
using MimeKit.IO.Filters;

namespace Paperboy.Scheduler;

/// <summary>The body of a stored message: its encoded bytes, written as they are apart from line ends.</summary>
internal sealed class StoredBody(ContentType type, ReadOnlyMemory<byte> encoded) : MimeEntity(type)
{
    // Written in pieces, as MimeKit writes a part's content: a line-end filter keeps an output buffer the size of
    // the largest write, so one write of the whole body would allocate a buffer the size of the message each time.
    private const int Chunk = 4096;

    // Already encoded when sealed (7-bit quoted-printable parts): there is nothing to prepare.
    public override void Prepare(EncodingConstraint constraint, int maxLineLength = 78)
    {
    }

    public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        base.WriteTo(options, stream, contentOnly, cancellationToken);
        using FilteredStream filtered = LineEnds(options, stream);
        for (int at = 0; at < encoded.Length; at += Chunk)
        {
            filtered.Write(encoded.Span.Slice(at, Math.Min(Chunk, encoded.Length - at)));
        }

        filtered.Flush(cancellationToken);
    }

    public override async Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await base.WriteToAsync(options, stream, contentOnly, cancellationToken);
        using FilteredStream filtered = LineEnds(options, stream);
        for (int at = 0; at < encoded.Length; at += Chunk)
        {
            await filtered.WriteAsync(encoded.Slice(at, Math.Min(Chunk, encoded.Length - at)), cancellationToken);
        }

        await filtered.FlushAsync(cancellationToken);
    }

    /// <summary>The stored line ends turned into the ones asked for (CRLF on the SMTP wire).</summary>
    private static FilteredStream LineEnds(FormatOptions options, Stream stream)
    {
        var filtered = new FilteredStream(stream);
        filtered.Add(options.NewLineFormat == NewLineFormat.Dos ? new Unix2DosFilter() : new Dos2UnixFilter());
        return filtered;
    }
}
