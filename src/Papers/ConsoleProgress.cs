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

    /// <summary>
    /// "papers.jsonl [#########.....................] 31% 120,000 papers"; while downloading
    /// "feed [###...] 10% 1.2 of 12.0 MB downloaded" (no bar without a Content-Length); while storing or
    /// embedding "feed [###...] 10% 1,000 of 10,000 papers stored".
    /// </summary>
    public static string Line(string source, IngestProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        CultureInfo c = CultureInfo.InvariantCulture;
        switch (value.Stage)
        {
            case IngestStage.Downloading when value.TotalBytes <= 0:
                return string.Create(c, $"{source} {value.BytesRead / 1e6:0.0} MB downloaded");
            case IngestStage.Downloading:
                return string.Create(c, $"{source} {Bar(value.BytesRead, value.TotalBytes)} {value.BytesRead / 1e6:0.0} of {value.TotalBytes / 1e6:0.0} MB downloaded");
            case IngestStage.Storing or IngestStage.Embedding:
                string verb = value.Stage == IngestStage.Storing ? "stored" : "embedded";
                return string.Create(c, $"{source} {Bar(value.Papers, value.TotalPapers)} {value.Papers:N0} of {value.TotalPapers:N0} {(value.TotalPapers == 1 ? "paper" : "papers")} {verb}");
            default:
                return string.Create(c, $"{source} {Bar(value.BytesRead, value.TotalBytes)} {value.Papers:N0} {(value.Papers == 1 ? "paper" : "papers")}");
        }
    }

    private static string Bar(long done, long total)
    {
        double fraction = total > 0 ? Math.Clamp((double)done / total, 0, 1) : 0;
        int filled = (int)Math.Round(fraction * Width);
        return string.Create(CultureInfo.InvariantCulture, $"[{new string('#', filled)}{new string('.', Width - filled)}] {fraction * 100:0}%");
    }
}
