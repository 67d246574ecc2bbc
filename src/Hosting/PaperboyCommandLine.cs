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

    /// <summary>Runs the command in <paramref name="args"/>, or the web service and scheduler when there is none.</summary>
    public static async Task<int> RunPaperboyAsync(this WebApplication app, string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        if (!PaperboyHost.IsCommand(args))
        {
            await app.RunAsync();
            return ExitCodes.Success;
        }

        error ??= Console.Error;
        try
        {
            // The service validates options as it starts; a command does not start the host, so it asks itself.
            app.Services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException ex)
        {
            await error.WriteLineAsync($"error: configuration: {ex.Message}");
            return ExitCodes.Error;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            // Several options classes failed at once: report each.
            foreach (Exception inner in ex.InnerExceptions)
            {
                await error.WriteLineAsync($"error: configuration: {inner.Message}");
            }

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
