using System.Diagnostics;
using System.Globalization;

namespace Paperboy.Papers;

/// <summary>
/// A progress bar on stderr for long imports: a line at most every <see cref="Every"/>, so short imports print none.
/// Lines, not carriage returns, because stderr is often a log file.
/// </summary>
public sealed class ConsoleProgress(TextWriter error, string source) : IProgress<IngestProgress>
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(2);
    private const int Width = 30;
    private long _last = Stopwatch.GetTimestamp();

    public void Report(IngestProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (Stopwatch.GetElapsedTime(_last) < Every)
        {
            return;
        }

        _last = Stopwatch.GetTimestamp();
        error.WriteLine(Line(source, value));
    }

    /// <summary>"papers.jsonl [#########.....................] 31% 120,000 papers".</summary>
    public static string Line(string source, IngestProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        double fraction = value.TotalBytes > 0 ? Math.Clamp((double)value.BytesRead / value.TotalBytes, 0, 1) : 0;
        int filled = (int)Math.Round(fraction * Width);
        return string.Create(CultureInfo.InvariantCulture, $"{source} [{new string('#', filled)}{new string('.', Width - filled)}] {fraction * 100:0}% {value.Papers:N0} papers");
    }
}
