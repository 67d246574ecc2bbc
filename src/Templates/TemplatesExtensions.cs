namespace Paperboy.Templates;

public static class TemplatesExtensions
{
    public static WebApplicationBuilder AddTemplates(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TemplateCatalog>();
        builder.Services.AddSingleton<DigestRenderer>();
        builder.Services.AddSingleton<PageRenderer>();
        return builder;
    }
}
