using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Paperboy.Hosting;

/// <summary>
/// Recognises a configuration that cannot be used, from the exception binding or validating it threw, so that the
/// service and every command end with the setting's name and exit code 1 instead of an unhandled exception.
/// </summary>
public static partial class ConfigurationErrors
{
    // The binder's own wording (Microsoft.Extensions.Configuration.Binder): the value, the key and the type.
    private const string ConversionPrefix = "Failed to convert configuration value";

    /// <summary>One message per problem, or null when <paramref name="exception"/> is not about configuration.</summary>
    public static IReadOnlyList<string>? Describe(Exception exception) => exception switch
    {
        OptionsValidationException validation => [validation.Message],
        InvalidOperationException conversion when conversion.Message.StartsWith(ConversionPrefix, StringComparison.Ordinal) =>
            [conversion.Message + Choices(conversion.Message)],
        AggregateException many when many.InnerExceptions.Count > 0
            && many.InnerExceptions.All(e => Describe(e) is not null) => [.. many.InnerExceptions.SelectMany(e => Describe(e)!)],
        _ => null,
    };

    // "… to type 'Paperboy.Storage.DatabaseProvider'.": for one of Paperboy's enums, the values it can take.
    private static string Choices(string message)
    {
        Match type = TargetType().Match(message);
        Type? target = type.Success ? typeof(ConfigurationErrors).Assembly.GetType(type.Groups[1].Value) : null;
        return target is { IsEnum: true } ? $" Use one of: {string.Join(", ", Enum.GetNames(target))}." : "";
    }

    [GeneratedRegex(@"to type '([^']+)'")]
    private static partial Regex TargetType();

    public static async Task WriteAsync(IReadOnlyList<string> messages, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(error);
        foreach (string message in messages)
        {
            await error.WriteLineAsync($"error: configuration: {message}");
        }
    }
}
