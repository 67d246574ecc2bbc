using System.Buffers;
using System.Globalization;
using System.Text;

namespace Paperboy.Templates;

/// <summary>
/// An HTML document's bytes in ASCII: every other character written as a numeric character reference ("é" as
/// "&amp;#xE9;"), which every HTML reader turns back into the same character. An all-ASCII part can be sent as it is
/// (7bit) instead of quoted-printable: less work for the sender, fewer bytes on the wire, readable source.
/// </summary>
/// <remarks>
/// The contents of <c>style</c> and <c>script</c> elements stay UTF-8: references mean nothing there.
/// </remarks>
public static class AsciiHtml
{
    // Searched for together and vectorized: the HTML of a digest is tens of kilobytes, read twice a message (the
    // renderer's size check, the writer).
    private static readonly SearchValues<string> RawTextOpenings = SearchValues.Create(["<style", "<script"], StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The most bytes <see cref="GetBytes"/> can write for <paramref name="length"/> characters, without reading them:
    /// 8 for a character of the basic plane ("&amp;#xFFFF;"), 10 for a pair of surrogates, 3 in UTF-8 inside style.
    /// </summary>
    public static int MaxByteCount(int length) => checked(length * 8);

    /// <summary>How many bytes <see cref="GetBytes"/> writes for <paramref name="html"/>.</summary>
    public static int ByteCount(string html) => Write(html, [], counting: true);

    /// <summary>
    /// Writes <paramref name="html"/> into <paramref name="destination"/>, which must hold <see cref="ByteCount"/> bytes
    /// (<see cref="MaxByteCount"/> of its length always does); returns the number of bytes written.
    /// </summary>
    public static int GetBytes(string html, Span<byte> destination) => Write(html, destination, counting: false);

    private static int Write(string html, Span<byte> destination, bool counting)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (!html.AsSpan().ContainsAnyExceptInRange('\0', '\x7F'))
        {
            return counting ? html.Length : Encoding.ASCII.GetBytes(html, destination);
        }

        int written = 0;
        int start = 0;
        while (start < html.Length)
        {
            (int rawStart, int rawEnd) = NextRawText(html, start);
            written += WriteReferences(html.AsSpan(start, rawStart - start), counting ? [] : destination[written..], counting);
            ReadOnlySpan<char> raw = html.AsSpan(rawStart, rawEnd - rawStart);
            written += counting ? Encoding.UTF8.GetByteCount(raw) : Encoding.UTF8.GetBytes(raw, destination[written..]);
            start = rawEnd;
        }

        return written;
    }

    private static int WriteReferences(ReadOnlySpan<char> text, Span<byte> destination, bool counting)
    {
        Span<byte> reference = stackalloc byte[12];
        "&#x"u8.CopyTo(reference);
        int written = 0;
        while (!text.IsEmpty)
        {
            int other = text.IndexOfAnyExceptInRange('\0', '\x7F');
            ReadOnlySpan<char> ascii = other < 0 ? text : text[..other];
            written += counting ? ascii.Length : Encoding.ASCII.GetBytes(ascii, destination[written..]);
            if (other < 0)
            {
                break;
            }

            // A lone surrogate is what UTF-8 would have written as U+FFFD.
            char c = text[other];
            bool pair = char.IsHighSurrogate(c) && other + 1 < text.Length && char.IsLowSurrogate(text[other + 1]);
            int codePoint = pair ? char.ConvertToUtf32(c, text[other + 1]) : char.IsSurrogate(c) ? 0xFFFD : c;
            codePoint.TryFormat(reference[3..], out int digits, "X", CultureInfo.InvariantCulture);
            reference[3 + digits] = (byte)';';
            if (!counting)
            {
                reference[..(4 + digits)].CopyTo(destination[written..]);
            }

            written += 4 + digits;
            text = text[(other + (pair ? 2 : 1))..];
        }

        return written;
    }

    /// <summary>The next style or script element's contents at or after <paramref name="start"/>, or an empty range at the end.</summary>
    private static (int Start, int End) NextRawText(string html, int start)
    {
        for (int from = start; from < html.Length;)
        {
            int found = html.AsSpan(from).IndexOfAny(RawTextOpenings);
            if (found < 0)
            {
                break;
            }

            int open = from + found;
            string closing = char.ToUpperInvariant(html[open + 2]) == 'T' ? "</style" : "</script";
            int after = open + closing.Length - 1;
            if (after < html.Length && (html[after] is '>' or '/' || char.IsWhiteSpace(html[after])))
            {
                int close = html.IndexOf(closing, after, StringComparison.OrdinalIgnoreCase);
                return (after, close < 0 ? html.Length : close);
            }

            // A longer name ("<styles"), not the element.
            from = open + 1;
        }

        return (html.Length, html.Length);
    }
}
