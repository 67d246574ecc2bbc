using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Quartz;

namespace Paperboy.Feeds;

public static class FeedsExtensions
{
    public static WebApplicationBuilder AddFeeds(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FeedsOptions>().BindConfiguration(FeedsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<FeedStateStore>();
        builder.Services.AddSingleton<FeedFetcher>();
        builder.Services.AddSingleton<FeedRetries>();
        builder.Services.AddSingleton<WantedPaperFetcher>();
        builder.Services.AddSingleton<PoliteSpacing>();
        builder.Services.AddTransient<PoliteSpacingHandler>();

        IHttpClientBuilder client = builder.Services.AddHttpClient(FeedFetcher.ClientName, (services, client) =>
            {
                client.DefaultRequestHeaders.UserAgent.ParseAdd(services.GetRequiredService<IOptions<FeedsOptions>>().Value.UserAgent);
                // The resilience pipeline times each attempt; HttpClient's own timeout would cut across retries.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All });
        // Outermost first: retries around each attempt's timeout, and the spacing inside, so every attempt keeps it.
        client.AddResilienceHandler("feeds", (pipeline, context) =>
            {
                FeedsOptions options = context.ServiceProvider.GetRequiredService<IOptions<FeedsOptions>>().Value;
                FeedRetries retries = context.ServiceProvider.GetRequiredService<FeedRetries>();
                // Backoff and Retry-After are about the remote server, so they run on the real clock, not the
                // application's (which tests replace with a fake one that never moves by itself).
                pipeline.TimeProvider = TimeProvider.System;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryDelay,
                    ShouldRetryAfterHeader = true,
                    // Transient (5xx, 408, 429, timeouts, broken connections), unless the server asks for a longer wait than we give.
                    ShouldHandle = args => ValueTask.FromResult(
                        options.MaxRetries > 0
                        && HttpClientResiliencePredicates.IsTransient(args.Outcome)
                        && !(RetryAfter(args.Outcome.Result) > options.MaxRetryAfter)),
                    OnRetry = retries.OnRetryAsync,
                });
                pipeline.AddTimeout(options.Timeout);
            });
        client.AddHttpMessageHandler<PoliteSpacingHandler>();

        // Triggers are fixed when the scheduler is built, so the sources are read here, once.
        FeedsOptions configured = builder.Configuration.GetSection(FeedsOptions.Section).Get<FeedsOptions>() ?? new FeedsOptions();
        if (configured.Enabled && configured.ArxivApiUrl.Length > 0)
        {
            builder.Services.AddQuartz(quartz =>
            {
                var key = new JobKey("feed:wanted-papers");
                quartz.AddJob<FetchWantedPapersJob>(job => job.WithIdentity(key));
                quartz.AddTrigger(trigger => trigger
                    .ForJob(key)
                    .WithIdentity("feed:wanted-papers:schedule")
                    .StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(configured.WantedPapersInterval).RepeatForever()));
            });
        }

        if (configured.Enabled && configured.Sources.Count > 0)
        {
            builder.Services.AddQuartz(quartz =>
            {
                foreach (FeedSource source in configured.Sources.Where(s => !string.IsNullOrWhiteSpace(s.Name)))
                {
                    var key = new JobKey($"feed:{source.Name}");
                    quartz.AddJob<FetchFeedJob>(job => job.WithIdentity(key).UsingJobData(FetchFeedJob.SourceKey, source.Name));
                    if (source.Cron is { } cron)
                    {
                        // A cron source is also fetched once at start, so a service started between its times is not empty until then.
                        quartz.AddTrigger(trigger => trigger.ForJob(key).WithIdentity($"feed:{source.Name}:schedule").WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.Utc)));
                        quartz.AddTrigger(trigger => trigger.ForJob(key).WithIdentity($"feed:{source.Name}:at-start").StartNow());
                    }
                    else
                    {
                        quartz.AddTrigger(trigger => trigger
                            .ForJob(key)
                            .WithIdentity($"feed:{source.Name}:schedule")
                            .StartNow()
                            .WithSimpleSchedule(s => s.WithInterval(source.Interval).RepeatForever()));
                    }
                }
            });
        }

        return builder;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage? response) =>
        response?.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => null,
        };
}
