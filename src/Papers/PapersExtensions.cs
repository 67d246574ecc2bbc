namespace Paperboy.Papers;

public static class PapersExtensions
{
    public static WebApplicationBuilder AddPapers(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PapersOptions>()
            .BindConfiguration(PapersOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<PaperStore>();
        builder.Services.AddSingleton<PopularityHistory>();
        builder.Services.AddSingleton<PaperIngestor>();
        return builder;
    }
}
