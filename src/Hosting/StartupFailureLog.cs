using Microsoft.Extensions.Options;

namespace Paperboy.Hosting;

/// <summary>
/// Keeps the host's errors out of the log until the service has started: <see cref="ServiceRun"/> reports a failed
/// start itself in one line (a failure it does not know ends as an unhandled exception, with its stack), while the
/// host would log "Hosting failed to start" with the stack first, and each background service cancelled by the
/// failed start as a crash. Once every service has started, the host's errors are logged as usual.
/// </summary>
public sealed class StartupFailureLog : IHostedLifecycleService
{
    // The host logs under its own type's name.
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    private volatile bool _started;

    public static void AddTo(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var log = new StartupFailureLog();
        builder.Services.AddHostedService(_ => log);
        // The logger factory applies the one most specific rule to each category and provider, so a rule of our own
        // would replace the configured level (Logging:LogLevel); instead every rule, and a last-resort one, gets
        // this check added to its filter.
        builder.Services.AddSingleton<IPostConfigureOptions<LoggerFilterOptions>>(new PostConfigureOptions<LoggerFilterOptions>(Options.DefaultName, options =>
        {
            // The last-resort rule keeps the factory's own minimum level: a rule without a level would let every level through.
            LoggerFilterRule[] rules = [new(null, null, options.MinLevel, null), .. options.Rules];
            options.Rules.Clear();
            foreach (LoggerFilterRule rule in rules)
            {
                Func<string?, string?, LogLevel, bool>? filter = rule.Filter;
                options.Rules.Add(new LoggerFilterRule(rule.ProviderName, rule.CategoryName, rule.LogLevel, (provider, category, level) =>
                    log.Allows(category, level) && (filter is null || filter(provider, category, level))));
            }
        }));
    }

    private bool Allows(string? category, LogLevel level) => _started || level < LogLevel.Error || category != HostCategory;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        _started = true;
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
