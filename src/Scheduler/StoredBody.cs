using MimeKit;
using MimeKit.IO;
using MimeKit.IO.Filters;

namespace Paperboy.Scheduler;

/// <summary>The body of a stored message: its encoded bytes, written as they are apart from line ends.</summary>
internal sealed class StoredBody(ContentType type, ReadOnlyMemory<byte> encoded) : MimeEntity(type)
{
    // Already encoded when sealed (7-bit quoted-printable parts): there is nothing to prepare.
    public override void Prepare(EncodingConstraint constraint, int maxLineLength = 78)
    {
    }

    public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        base.WriteTo(options, stream, contentOnly, cancellationToken);
        using FilteredStream filtered = LineEnds(options, stream);
        filtered.Write(encoded.Span);
        filtered.Flush(cancellationToken);
    }

    public override async Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await base.WriteToAsync(options, stream, contentOnly, cancellationToken);
        using FilteredStream filtered = LineEnds(options, stream);
        await filtered.WriteAsync(encoded, cancellationToken);
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
