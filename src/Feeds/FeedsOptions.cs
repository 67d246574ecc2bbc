using System.ComponentModel.DataAnnotations;
using Paperboy.Hosting;
using Paperboy.Papers;
using Quartz;

namespace Paperboy.Feeds;

public sealed class FeedsOptions : IValidatableObject
{
    public const string Section = "Feeds";

    /// <summary>Whether the service fetches <see cref="Sources"/> on their schedules (<c>papers ingest URL</c> works regardless).</summary>
    public bool Enabled { get; set; } = true;

    [Required]
    public string UserAgent { get; set; } = "Paperboy/1.0 (self-hosted research paper digest)";

    /// <summary>How long one attempt may take, headers and body.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after a 5xx, 408, 429, a timeout or a broken connection.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first backoff; each next one doubles, with jitter. A <c>Retry-After</c> header wins.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A <c>Retry-After</c> longer than this is not waited for: the fetch fails and the next scheduled one tries again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Bytes of a response body read at most; what comes after is ignored and reported.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxBodyBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Hosts besides arXiv's (which always are) that get at most one request every <see cref="PoliteSpacing"/>.</summary>
    public List<string> PoliteHosts { get; set; } = [];

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan PoliteSpacing { get; set; } = TimeSpan.FromSeconds(3);

    public List<FeedSource> Sources { get; set; } = [];

    /// <summary>The arXiv API that papers subscribers named at sign-up are fetched from when the catalog lacks them; empty turns that off.</summary>
    public string ArxivApiUrl { get; set; } = "https://export.arxiv.org/api/query";

    /// <summary>How often the service looks for such papers (a query of the database when there are none).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan WantedPapersInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>arXiv asks for at least 3 s between calls to each of its hosts.</summary>
    public bool IsPolite(string host) =>
        host.Equals("arxiv.org", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".arxiv.org", StringComparison.OrdinalIgnoreCase)
        || PoliteHosts.Contains(host, StringComparer.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ArxivApiUrl.Length > 0 && !HttpUrl.IsValid(ArxivApiUrl))
        {
            yield return new ValidationResult($"Feeds:ArxivApiUrl must be an http(s) address, or empty to fetch no liked papers (is '{ArxivApiUrl}')");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < Sources.Count; i++)
        {
            FeedSource source = Sources[i];
            string key = $"Feeds:Sources:{i}";
            if (string.IsNullOrWhiteSpace(source.Name) || !names.Add(source.Name))
            {
                yield return new ValidationResult($"{key}:Name must be set and unique (is '{source.Name}')");
            }

            if (!HttpUrl.IsValid(source.Url))
            {
                yield return new ValidationResult($"{key}:Url must be an http(s) address (is '{source.Url}')");
            }

            if (source.Kind == PaperFormat.Sample)
            {
                yield return new ValidationResult($"{key}:Kind: the sample corpus is a file format, not a feed");
            }

            if (source.Cron is { } cron ? !IsValidCron(cron) : source.Interval < TimeSpan.FromMinutes(1))
            {
                yield return new ValidationResult($"{key}: Cron must be a valid Quartz cron expression, or Interval at least 00:01:00");
            }
        }
    }

    private static bool IsValidCron(string cron)
    {
        try
        {
            _ = new CronExpression(cron);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
