using System.CommandLine;

namespace Paperboy.Hosting;

/// <summary>Reads values inside System.CommandLine validators, which run even when a value is not of its type.</summary>
public static class OptionValues
{
    /// <summary>
    /// Runs <paramref name="validate"/> unless a value it reads cannot be converted (<c>--hour abc</c>): the parser
    /// reports that by itself, and reading it throws.
    /// </summary>
    public static void UnlessUnreadable(Action validate)
    {
        ArgumentNullException.ThrowIfNull(validate);
        try
        {
            validate();
        }
        catch (InvalidOperationException)
        {
            // The conversion error is already among the parse errors.
        }
    }

    /// <summary>Adds <paramref name="message"/> unless the option's value, when it can be read, passes <paramref name="isValid"/>.</summary>
    public static void Require<T>(this Option<T> option, Func<T, bool> isValid, string message)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(isValid);
        option.Validators.Add(result => UnlessUnreadable(() =>
        {
            if (!isValid(result.GetValueOrDefault<T>()))
            {
                result.AddError(message);
            }
        }));
    }
}
