namespace Paperboy.Hosting;

/// <summary>
/// Runs the web service and scheduler until shutdown. A start that fails for a reason the operator can fix (a setting,
/// the database, a port in use, a URL Kestrel cannot read) ends with one line on stderr and exit code 1, not a stack.
/// </summary>
public static class ServiceRun
{
    public static async Task<int> RunAsync(WebApplication app, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            await app.StartAsync();
        }
        catch (Exception ex) when (Describe(ex) is { } messages)
        {
            foreach (string message in messages)
            {
                await error.WriteLineAsync($"error: {message}");
            }

            return ExitCodes.Error;
        }

        await app.WaitForShutdownAsync();
        return ExitCodes.Success;
    }

    private static IReadOnlyList<string>? Describe(Exception exception) => exception switch
    {
        _ when ConfigurationErrors.Describe(exception) is { } messages => [.. messages.Select(m => $"configuration: {m}")],
        PaperboyException paperboy => [paperboy.Message],
        // Kestrel's refusals: the address is taken or not ours to bind (IOException), a URL it cannot parse
        // (FormatException), an endpoint it cannot configure (no certificate for https).
        IOException or FormatException or UnauthorizedAccessException => [$"cannot start the web server: {exception.Message}"],
        _ when exception.Source?.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal) == true =>
            [$"cannot start the web server: {exception.Message}"],
        _ => null,
    };
}
