using Paperboy.Hosting;

namespace Paperboy.Papers;

/// <summary>Reads a file of papers and stores the valid ones; bad records are reported, never fatal to the rest.</summary>
public sealed partial class PaperIngestor(PaperStore store, ILogger<PaperIngestor> logger)
{
    public async Task<IngestReport> IngestFileAsync(string path, PaperFormat format, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new PaperboyException($"no such file: {path}");
        }

        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (IOException ex)
        {
            throw new PaperboyException($"cannot read {path}: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new PaperboyException($"cannot read {path}: {ex.Message}", ex);
        }

        return await IngestTextAsync(text, Path.GetFileName(path), format, cancellationToken);
    }

    public async Task<IngestReport> IngestTextAsync(string text, string source, PaperFormat format, CancellationToken cancellationToken)
    {
        if (format == PaperFormat.Auto)
        {
            format = Detect(source, text);
        }

        using var reader = new StringReader(text);
        PaperReadResult result = format == PaperFormat.Jsonl ? JsonlPaperReader.Read(reader) : SampleCorpusReader.Read(reader);
        foreach (ReadProblem problem in result.Problems)
        {
            LogSkipped(source, problem.Line, problem.Message);
        }

        UpsertCounts stored = await store.UpsertAsync(result.Papers, source, cancellationToken);
        LogIngested(source, result.Papers.Count, stored.Inserted, stored.Updated, result.Problems.Count);
        return new IngestReport(source, format, result.Papers.Count, stored, result.Problems);
    }

    private static PaperFormat Detect(string source, string text)
    {
        if (source.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || source.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase))
        {
            return PaperFormat.Jsonl;
        }

        return text.TrimStart().StartsWith('{') ? PaperFormat.Jsonl : PaperFormat.Sample;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} line {Line} skipped: {Reason}")]
    private partial void LogSkipped(string source, int line, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source}: {Read} papers read, {Inserted} new, {Updated} updated, {Skipped} skipped")]
    private partial void LogIngested(string source, int read, int inserted, int updated, int skipped);
}
