using System.Text;
using Paperboy.Hosting;

namespace Paperboy.Papers;

/// <summary>
/// Reads papers in any supported format and stores the valid ones; bad records are reported, never fatal to the
/// rest. Line-by-line formats are read and stored in batches, so a file of millions of papers needs little memory.
/// </summary>
public sealed partial class PaperIngestor(
    PaperStore store,
    IEnumerable<IPapersStoredListener> listeners,
    ILogger<PaperIngestor> logger,
    ILoggerFactory loggers)
{
    public const int BatchLines = 1000;
    private const int DetectionChars = 64 * 1024;

    public Task<IngestReport> IngestFileAsync(string path, PaperFormat format, CancellationToken cancellationToken) =>
        IngestFileAsync(path, format, null, cancellationToken);

    public async Task<IngestReport> IngestFileAsync(string path, PaperFormat format, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new PaperboyException(Directory.Exists(path) ? $"{path} is a folder; give one file of papers" : $"no such file: {path}");
        }

        string source = Path.GetFileName(path);
        try
        {
            await using FileStream stream = File.OpenRead(path);
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            char[] head = new char[DetectionChars];
            int headLength = await reader.ReadBlockAsync(head.AsMemory(), cancellationToken);
            string start = new(head, 0, headLength);
            if (format == PaperFormat.Auto)
            {
                format = Detect(source, start);
            }

            if (format is not (PaperFormat.Jsonl or PaperFormat.Kaggle))
            {
                return await IngestTextAsync(start + await reader.ReadToEndAsync(cancellationToken), source, format, progress, cancellationToken);
            }

            // Read again from the start: the detection head may have ended in the middle of a line.
            stream.Position = 0;
            using var lines = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return await IngestLinesAsync(lines, stream, source, format, progress, cancellationToken);
        }
        catch (IOException ex)
        {
            throw new PaperboyException($"cannot read {path}: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new PaperboyException($"cannot read {path}: {ex.Message}", ex);
        }
    }

    /// <summary>Reads and stores a whole document (a fetched feed body); see the class remarks for bad input.</summary>
    public Task<IngestReport> IngestTextAsync(string text, string source, PaperFormat format, CancellationToken cancellationToken) =>
        IngestTextAsync(text, source, format, null, cancellationToken);

    /// <summary>As above; a document of more than <see cref="BatchLines"/> papers is stored in batches of that size, with progress.</summary>
    public async Task<IngestReport> IngestTextAsync(string text, string source, PaperFormat format, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        if (PaperText.LooksLikeHtml(text))
        {
            var problem = new ReadProblem(0, "the source sent an HTML page, not a feed (an error or login page?)");
            LogFailed(source, problem.Message);
            return new IngestReport(source, format, 0, new UpsertCounts(0, 0, 0, 0), [problem]) { Error = problem.Message };
        }

        if (format == PaperFormat.Auto)
        {
            format = Detect(source, text);
        }

        using var reader = new StringReader(text);
        PaperReadResult result = format switch
        {
            PaperFormat.Jsonl => JsonlPaperReader.Read(reader),
            PaperFormat.Kaggle => KaggleArxivReader.Read(reader),
            PaperFormat.HuggingFace => HuggingFaceDailyReader.Read(text),
            PaperFormat.ArxivApi => ArxivAtomReader.Read(text),
            PaperFormat.ArxivRss => ArxivRssReader.Read(text),
            _ => SampleCorpusReader.Read(reader),
        };
        UpsertCounts stored = await StoreInBatchesAsync(result.Papers, source, progress, cancellationToken);
        var report = new IngestReport(source, format, result.Papers.Count, stored, result.Problems);
        LogReport(report);
        return report;
    }

    /// <summary>The format of a document from its first characters (and a file's name for the line formats).</summary>
    public static PaperFormat Detect(string source, string head)
    {
        ReadOnlySpan<char> start = head.AsSpan().TrimStart().TrimStart('\uFEFF').TrimStart();
        if (start.StartsWith("<"))
        {
            return start.Contains("<rss", StringComparison.Ordinal) ? PaperFormat.ArxivRss : PaperFormat.ArxivApi;
        }

        if (start.StartsWith("["))
        {
            return PaperFormat.HuggingFace;
        }

        bool jsonlName = source.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || source.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);
        if (start.StartsWith("{") || jsonlName)
        {
            int end = start.IndexOf('\n');
            return KaggleArxivReader.IsKaggleRecord((end < 0 ? start : start[..end]).ToString()) ? PaperFormat.Kaggle : PaperFormat.Jsonl;
        }

        return PaperFormat.Sample;
    }

    private async Task<IngestReport> IngestLinesAsync(
        StreamReader lines, FileStream stream, string source, PaperFormat format, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        int read = 0, inserted = 0, updated = 0, unchanged = 0, duplicates = 0, firstLine = 1, count = 0;
        var problems = new List<ReadProblem>();
        var batch = new StringBuilder();
        while (true)
        {
            string? line = await lines.ReadLineAsync(cancellationToken);
            if (line is not null)
            {
                batch.Append(line).Append('\n');
                count++;
            }

            if (count == BatchLines || (line is null && count > 0))
            {
                using var reader = new StringReader(batch.ToString());
                PaperReadResult result = format == PaperFormat.Kaggle ? KaggleArxivReader.Read(reader, firstLine) : JsonlPaperReader.Read(reader);
                problems.AddRange(format == PaperFormat.Kaggle ? result.Problems : result.Problems.Select(p => p with { Line = p.Line + firstLine - 1 }));
                UpsertCounts stored = await StoreAsync(result, source, cancellationToken);
                (read, inserted, updated, unchanged, duplicates) =
                    (read + result.Papers.Count, inserted + stored.Inserted, updated + stored.Updated, unchanged + stored.Unchanged, duplicates + stored.Duplicates);
                progress?.Report(new IngestProgress(stream.Position, stream.Length, read));
                firstLine += count;
                count = 0;
                batch.Clear();
            }

            if (line is null)
            {
                break;
            }
        }

        var report = new IngestReport(source, format, read, new UpsertCounts(inserted, updated, unchanged, duplicates), problems);
        LogReport(report);
        return report;
    }

    /// <summary>
    /// A large document (a Kaggle-sized JSON array, a big API page) in batches: each is one transaction, the
    /// listeners hear of each, and progress counts papers stored. A copy of a paper in another batch updates it
    /// (the last copy wins, as in one batch) rather than counting as a duplicate.
    /// </summary>
    private async Task<UpsertCounts> StoreInBatchesAsync(IReadOnlyList<IncomingPaper> papers, string source, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        if (papers.Count <= BatchLines)
        {
            return await StoreAsync(papers, source, cancellationToken);
        }

        int inserted = 0, updated = 0, unchanged = 0, duplicates = 0, done = 0;
        foreach (IncomingPaper[] batch in papers.Chunk(BatchLines))
        {
            UpsertCounts stored = await StoreAsync(batch, source, cancellationToken);
            (inserted, updated, unchanged, duplicates) = (inserted + stored.Inserted, updated + stored.Updated, unchanged + stored.Unchanged, duplicates + stored.Duplicates);
            done += batch.Length;
            progress?.Report(new IngestProgress(0, 0, done) { Stage = IngestStage.Storing, TotalPapers = papers.Count });
        }

        return new UpsertCounts(inserted, updated, unchanged, duplicates);
    }

    private Task<UpsertCounts> StoreAsync(PaperReadResult result, string source, CancellationToken cancellationToken) =>
        StoreAsync(result.Papers, source, cancellationToken);

    private async Task<UpsertCounts> StoreAsync(IReadOnlyList<IncomingPaper> papers, string source, CancellationToken cancellationToken)
    {
        UpsertCounts stored = await store.UpsertAsync(papers, source, cancellationToken);
        if (stored.NewOrChangedIds.Count == 0)
        {
            return stored;
        }

        foreach (IPapersStoredListener listener in listeners)
        {
            try
            {
                await listener.OnStoredAsync(stored.NewOrChangedIds, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogListenerFailed(loggers.CreateLogger<IPapersStoredListener>(), ex, listener.GetType().Name, source);
            }
        }

        return stored;
    }

    private void LogReport(IngestReport report)
    {
        foreach (ReadProblem problem in report.Problems)
        {
            if (report.Failed)
            {
                LogFailed(report.Source, problem.ToString());
            }
            else
            {
                LogSkipped(report.Source, problem.ToString());
            }
        }

        LogIngested(report.Source, report.Read, report.Stored.Inserted, report.Stored.Updated, report.Problems.Count);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Source}: nothing read: {Reason}")]
    private partial void LogFailed(string source, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source}: skipped {Reason}")]
    private partial void LogSkipped(string source, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source}: {Read} papers read, {Inserted} new, {Updated} updated, {Skipped} problem(s)")]
    private partial void LogIngested(string source, int read, int inserted, int updated, int skipped);

    // A category of its own: commands silence this class's log (they print its failures themselves), not a listener's.
    [LoggerMessage(Level = LogLevel.Error, Message = "{Listener} failed after storing papers from {Source}")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, string listener, string source);
}
