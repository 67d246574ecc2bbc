using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;
using Paperboy.Feeds;
using Paperboy.Papers;

namespace Paperboy.Hosting;

public static class PaperboyHost
{
    /// <summary>
    /// Creates the builder shared by the service and the command line.
    /// </summary>
    /// <param name="args">The process arguments.</param>
    /// <param name="settings">Configuration that overrides every other source (tests use it).</param>
    public static WebApplicationBuilder CreateBuilder(string[] args, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        bool isCommand = IsCommand(args);
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // Command arguments are not configuration: `--keywords a,b` must not become a setting.
            Args = isCommand ? [] : args,
            ContentRootPath = ContentRoot.Locate(),
        });

        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        if (isCommand)
        {
            // Keep stdout for the command's own output; a command prints its own summary, so only
            // warnings and errors are logged, to stderr, one line each.
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
            // Commands print every failed source, skipped record and given-up paper themselves (as `error:` or with
            // its line), so the logs of those services would say each one twice.
            builder.Logging.AddFilter<ConsoleLoggerProvider>(typeof(PaperIngestor).FullName, LogLevel.None);
            builder.Logging.AddFilter<ConsoleLoggerProvider>(typeof(FeedFetcher).FullName, LogLevel.None);
            builder.Logging.AddFilter<ConsoleLoggerProvider>(typeof(WantedPaperFetcher).FullName, LogLevel.None);
            // Polly logs each attempt with the exception's whole stack trace; FeedRetries says it in one line.
            builder.Logging.AddFilter<ConsoleLoggerProvider>("Polly", LogLevel.None);
        }
        else
        {
            StartupFailureLog.AddTo(builder);
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>
    /// A first argument that is not an option names a command, and so does a request for help or the version (the
    /// errors say "Run with --help"; it must print the usage, not start the service). Any other option, such as
    /// <c>--urls</c>, configures the service.
    /// </summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (!args[0].StartsWith('-') || args[0] is "--help" or "-h" or "-?" or "/?" or "--version");
}
