namespace Paperboy.Subscribers;

public static class SubscribersExtensions
{
    public static WebApplicationBuilder AddSubscribers(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebOptions>()
            .BindConfiguration(WebOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<SubscriberStore>();
        return builder;
    }
}
