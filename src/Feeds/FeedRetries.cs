using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Paperboy.Feeds;

/// <summary>
/// Says, in one warning line, that a feed request is tried again and why. Polly's own telemetry logs every attempt
/// with the exception's whole stack trace (dozens of lines for one refused connection), so appsettings.json and the
/// command line turn the "Polly" category off and this line takes its place.
/// </summary>
public sealed partial class FeedRetries(IOptions<FeedsOptions> options, ILogger<FeedRetries> logger)
{
    public ValueTask OnRetryAsync(OnRetryArguments<HttpResponseMessage> args)
    {
        string url = args.Context.GetRequestMessage()?.RequestUri?.ToString() ?? "a feed request";
        string reason = args.Outcome switch
        {
            { Exception: { } exception } => exception.Message,
            { Result: { } response } => $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}",
            _ => "no answer",
        };
        LogRetry(url, reason, args.AttemptNumber + 1, options.Value.MaxRetries, args.RetryDelay.TotalSeconds);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Url}: {Reason}; retry {Retry} of {Retries} in {Seconds:0.##} s")]
    private partial void LogRetry(string url, string reason, int retry, int retries, double seconds);
}
