using System.CommandLine;
using Microsoft.Extensions.Options;
using Paperboy.Demo;
using Paperboy.Evaluation;
using Paperboy.Inbound;
using Paperboy.Papers;
using Paperboy.Scheduler;
using Paperboy.Storage;
using Paperboy.Subscribers;

namespace Paperboy.Hosting;

public static class PaperboyCommandLine
{
    public static RootCommand Create(IServiceProvider services)
    {
        var root = new RootCommand("Paperboy: trending research papers in your inbox. Run without a command to start the service.");
        root.Subcommands.Add(StorageCommands.Create(services));
        root.Subcommands.Add(PapersCommands.Create(services));
        root.Subcommands.Add(SubscribersCommands.Create(services));
        root.Subcommands.Add(SuppressionCommands.Create(services));
        root.Subcommands.Add(SchedulerCommands.Create(services));
        root.Subcommands.Add(OutboxCommands.Create(services));
        root.Subcommands.Add(InboundCommands.Create(services));
        root.Subcommands.Add(PreviewCommand.Create(services));
        root.Subcommands.Add(DemoCommand.Create(services));
        root.Subcommands.Add(RecommendCommand.Create(services));
        return root;
    }

    /// <summary>
    /// Builds the application with <paramref name="build"/> and runs it (<see cref="RunPaperboyAsync"/>). A setting
    /// that cannot be read while the application is composed (a misspelt <c>Database:Provider</c>) ends like any other
    /// configuration error: its message on stderr and exit code 1.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, Func<string[], WebApplication> build, TextWriter? output = null, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(build);
        WebApplication app;
        try
        {
            app = build(args);
        }
        catch (Exception ex) when (ConfigurationErrors.Describe(ex) is { } messages)
        {
            await ConfigurationErrors.WriteAsync(messages, error ?? Console.Error);
            return ExitCodes.Error;
        }

        await using (app)
        {
            return await app.RunPaperboyAsync(args, output, error);
        }
    }

    /// <summary>Runs the command in <paramref name="args"/>, or the web service and scheduler when there is none.</summary>
    public static async Task<int> RunPaperboyAsync(this WebApplication app, string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        error ??= Console.Error;
        if (!PaperboyHost.IsCommand(args))
        {
            return await ServiceRun.RunAsync(app, error);
        }

        try
        {
            // The service validates options as it starts; a command does not start the host, so it asks itself.
            app.Services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (Exception ex) when (ConfigurationErrors.Describe(ex) is { } messages)
        {
            await ConfigurationErrors.WriteAsync(messages, error);
            return ExitCodes.Error;
        }

        ParseResult parseResult = Create(app.Services).Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError parseError in parseResult.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}");
            }

            await error.WriteLineAsync("Run with --help for usage.");
            return ExitCodes.Usage;
        }

        return await parseResult.InvokeAsync(new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error,
        });
    }
}
