using Microsoft.Extensions.Options;

namespace Paperboy.Templates;

public static class TemplatesExtensions
{
    public static WebApplicationBuilder AddTemplates(this WebApplicationBuilder builder)
    {
        // Validation parses and test-renders every template, so a broken override stops start-up (and every command).
        builder.Services.AddOptions<TemplateOptions>().BindConfiguration(TemplateOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TemplateOptions>, TemplateOptionsValidator>();
        builder.Services.AddSingleton(sp => new TemplateCatalog(
            TemplateOptionsValidator.ResolveDirectory(sp.GetRequiredService<IOptions<TemplateOptions>>().Value, sp.GetRequiredService<IHostEnvironment>()),
            sp.GetServices<TemplateSample>()));
        builder.Services.AddSingleton<TemplateRenderer>();
        builder.Services.AddSingleton<DigestRenderer>();
        builder.Services.AddSingleton<PageRenderer>();
        builder.Services.AddSingleton<DigestViewBuilder>();

        foreach ((string name, Func<object> model) in DigestSamples.All)
        {
            builder.Services.AddTemplateSample(name, model);
        }

        return builder;
    }

    /// <summary>Registers sample data a template is test-rendered with at start-up (any feature may add its own).</summary>
    public static IServiceCollection AddTemplateSample(this IServiceCollection services, string name, Func<object> model)
    {
        services.AddSingleton(new TemplateSample(name, model));
        return services;
    }
}
