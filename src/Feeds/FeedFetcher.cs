using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Paperboy.Papers;
using Polly.Timeout;

namespace Paperboy.Feeds;

/// <summary>
/// Fetches a feed over HTTP (conditional GET, retries, spacing and timeouts come from the "feeds" client) and
/// hands the body to <see cref="PaperIngestor"/>. Every failure is logged naming the source and returned as a
/// report; nothing is thrown for bad input, so one bad source never stops another.
/// </summary>
public sealed partial class FeedFetcher(
    IHttpClientFactory httpClients,
    FeedStateStore state,
    PaperIngestor ingestor,
    IOptions<FeedsOptions> options,
    ILogger<FeedFetcher> logger)
{
    public const string ClientName = "feeds";

    /// <summary>Fetches the configured source called <paramref name="name"/> (the scheduled job calls this).</summary>
    public Task<IngestReport> FetchSourceAsync(string name, CancellationToken cancellationToken)
    {
        FeedSource source = options.Value.Sources.Find(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"no feed source named '{name}' in Feeds:Sources");
        return FetchAsync(source.Name, new Uri(source.Url), source.Kind, cancellationToken);
    }

    public Task<IngestReport> FetchAsync(string name, Uri url, PaperFormat format, CancellationToken cancellationToken) =>
        FetchAsync(name, url, format, null, cancellationToken);

    /// <summary>As above, reporting the download (bytes of Content-Length) and then the storing of a large document.</summary>
    public async Task<IngestReport> FetchAsync(string name, Uri url, PaperFormat format, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        FeedState? known = await state.GetAsync(url, cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (known?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out EntityTagHeaderValue? tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (known?.LastModified is { } lastModified && DateTimeOffset.TryParse(lastModified, out DateTimeOffset since))
        {
            request.Headers.IfModifiedSince = since;
        }

        HttpClient client = httpClients.CreateClient(ClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            return await FailAsync(name, url, format, $"cannot reach {url.Host}: {ex.Message}", cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            return await FailAsync(name, url, format, $"no answer within {options.Value.Timeout} (after {options.Value.MaxRetries} retries)", cancellationToken);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                await state.SaveNotModifiedAsync(url, cancellationToken);
                LogNotModified(name);
                return new IngestReport(name, format, 0, new UpsertCounts(0, 0, 0, 0), []) { NotModified = true };
            }

            if (!response.IsSuccessStatusCode)
            {
                IngestReport failed = await FailAsync(name, url, format, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", cancellationToken);
                return failed with { HttpStatus = (int)response.StatusCode };
            }

            if (response.Content.Headers.ContentType?.MediaType is "text/html" or "application/xhtml+xml")
            {
                return await FailAsync(name, url, format, $"the source sent an HTML page ({response.Content.Headers.ContentType.MediaType}), not a feed (an error or login page?)", cancellationToken);
            }

            (string text, bool cut) body;
            try
            {
                body = await ReadBodyAsync(response, progress, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return await FailAsync(name, url, format, $"the body could not be read to its end: {ex.Message}", cancellationToken);
            }

            IngestReport report = await ingestor.IngestTextAsync(body.text, name, format, progress, cancellationToken);
            if (body.cut)
            {
                string error = $"the body is larger than Feeds:MaxBodyBytes ({options.Value.MaxBodyBytes} bytes): what came after was ignored";
                LogFailed(name, url, error);
                report = report with { Problems = [.. report.Problems, new ReadProblem(0, error)] };
            }

            if (report.Problems.Count == 0)
            {
                await state.SaveChangedAsync(url, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"), cancellationToken);
            }
            else
            {
                await state.SaveErrorAsync(url, string.Join("; ", report.Problems.Take(5)), cancellationToken);
            }

            return report;
        }
    }

    /// <summary>The body up to <see cref="FeedsOptions.MaxBodyBytes"/>, decoded with its charset (UTF-8 when none), and whether it was cut.</summary>
    private async Task<(string Text, bool Cut)> ReadBodyAsync(HttpResponseMessage response, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        // Unknown when the server sent none or the body is decompressed on the fly: then only bytes so far are shown.
        long total = response.Content.Headers.ContentLength ?? 0;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        long max = options.Value.MaxBodyBytes;
        await using Stream stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        bool cut = false;
        int read;
        while ((read = await stream.ReadAsync(chunk, timeout.Token)) > 0)
        {
            if (buffer.Length + read > max)
            {
                buffer.Write(chunk, 0, (int)(max - buffer.Length));
                cut = true;
                break;
            }

            buffer.Write(chunk, 0, read);
            progress?.Report(new IngestProgress(buffer.Length, total, 0) { Stage = IngestStage.Downloading });
        }

        Encoding encoding = Encoding.UTF8;
        if (response.Content.Headers.ContentType?.CharSet is { } charset)
        {
            try
            {
                encoding = Encoding.GetEncoding(charset.Trim('"'));
            }
            catch (ArgumentException)
            {
                // An unknown charset: UTF-8 is what every feed we read sends.
            }
        }

        return (encoding.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF'), cut);
    }

    private async Task<IngestReport> FailAsync(string name, Uri url, PaperFormat format, string error, CancellationToken cancellationToken)
    {
        LogFailed(name, url, error);
        await state.SaveErrorAsync(url, error, cancellationToken);
        return new IngestReport(name, format, 0, new UpsertCounts(0, 0, 0, 0), [new ReadProblem(0, error)]) { Error = error };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source}: not modified since the last fetch")]
    private partial void LogNotModified(string source);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Source} ({Url}): {Error}")]
    private partial void LogFailed(string source, Uri url, string error);
}
