using System.CommandLine;
using Paperboy.Storage;

namespace Paperboy.Hosting;

/// <summary>The output streams a command writes to (the process's, or a test's).</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error);

public static class CliAction
{
    /// <summary>
    /// Runs <paramref name="action"/> for <paramref name="command"/> against a migrated database, turning
    /// input errors into a message on stderr and a non-zero exit code instead of a stack trace.
    /// </summary>
    public static void Set(
        Command command,
        IServiceProvider services,
        Func<ParseResult, CliConsole, CancellationToken, Task<int>> action)
    {
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = new CliConsole(parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
            try
            {
                services.GetRequiredService<DatabaseMigrator>().Migrate();
                return await action(parseResult, console, cancellationToken);
            }
            catch (PaperboyException ex)
            {
                await console.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.Error;
            }
            catch (Exception ex) when (ConfigurationErrors.Describe(ex) is { } messages)
            {
                await ConfigurationErrors.WriteAsync(messages, console.Error);
                return ExitCodes.Error;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A file the operator named cannot be read or written (a missing folder, no permission): their
                // input, so a message, not a stack trace. The database's own failures are not IOExceptions.
                await console.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.Error;
            }
        });
    }
}
