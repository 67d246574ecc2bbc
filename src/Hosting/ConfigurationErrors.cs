using System.Reflection;
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
        OptionsValidationException validation => [.. validation.Failures.Select(f => NameTheKey(validation.OptionsType, f))],
        InvalidOperationException conversion when conversion.Message.StartsWith(ConversionPrefix, StringComparison.Ordinal) =>
            [conversion.Message + Choices(conversion.Message)],
        AggregateException many when many.InnerExceptions.Count > 0
            && many.InnerExceptions.All(e => Describe(e) is not null) => [.. many.InnerExceptions.SelectMany(e => Describe(e)!)],
        _ => null,
    };

    // ValidateDataAnnotations names the class and its member ("… for 'SmtpOptions' members: 'Port' with the error:
    // 'The field Port must be …'"), which an operator cannot find in appsettings.json; every options class declares
    // the section it is bound to, so the member becomes its key ("Mail:Smtp:Port must be …").
    private static string NameTheKey(Type optionsType, string failure)
    {
        Match annotation = DataAnnotationFailure().Match(failure);
        if (!annotation.Success)
        {
            return failure;
        }

        string error = annotation.Groups["error"].Value;
        string[] members = annotation.Groups["members"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (members.Length == 0)
        {
            // A class's own Validate writes whole messages that already name their keys.
            return error;
        }

        string section = optionsType.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string ?? "";
        foreach (string member in members)
        {
            string key = section.Length > 0 ? $"{section}:{member}" : member;
            // The wordings of DataAnnotations' own messages: "The field X must …", "The X field is required.".
            string named = error
                .Replace($"The field {member} ", $"{key} ", StringComparison.Ordinal)
                .Replace($"The {member} field ", $"{key} ", StringComparison.Ordinal);
            error = named != error ? named : $"{key}: {error}";
        }

        return error;
    }

    // "… to type 'System.DayOfWeek'.": for an enum (Paperboy's, the runtime's or a library's), the values it can take.
    private static string Choices(string message)
    {
        Match type = TargetType().Match(message);
        Type? target = type.Success ? FindType(type.Groups[1].Value) : null;
        return target is { IsEnum: true } ? $" Use one of: {string.Join(", ", Enum.GetNames(target))}." : "";
    }

    private static Type? FindType(string name) =>
        Type.GetType(name)
        ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(name)).FirstOrDefault(t => t is not null);

    [GeneratedRegex(@"to type '([^']+)'")]
    private static partial Regex TargetType();

    // Microsoft.Extensions.Options.DataAnnotationValidateOptions' wording of one failed validation.
    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: '(?<members>[^']*)' with the error: '(?<error>.*)'\.$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();

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
