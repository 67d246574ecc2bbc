using Microsoft.Extensions.Options;
using Paperboy.Hosting;

namespace Paperboy.Templates;

/// <summary>Loads every template the configuration names and renders the registered samples; a failure names file, line and column.</summary>
public sealed class TemplateOptionsValidator(IHostEnvironment environment, IEnumerable<TemplateSample> samples) : IValidateOptions<TemplateOptions>
{
    public static string? ResolveDirectory(TemplateOptions options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        return options.Directory.Length == 0 ? null : Path.GetFullPath(options.Directory, environment.ContentRootPath);
    }

    public ValidateOptionsResult Validate(string? name, TemplateOptions options)
    {
        string? directory = ResolveDirectory(options, environment);
        if (directory is not null && !Directory.Exists(directory))
        {
            return ValidateOptionsResult.Fail($"Templates:Directory {directory} does not exist");
        }

        try
        {
            new TemplateCatalog(directory, samples).Validate();
            return ValidateOptionsResult.Success;
        }
        catch (PaperboyException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
