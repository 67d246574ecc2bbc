namespace Paperboy.Recommender;

public static class RecommenderExtensions
{
    public static WebApplicationBuilder AddRecommender(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RecommenderOptions>()
            .BindConfiguration(RecommenderOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return builder;
    }
}
