namespace Paperboy.Subscribers;

public static class SubscribersExtensions
{
    public static WebApplicationBuilder AddSubscribers(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebOptions>()
            .BindConfiguration(WebOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<LinkOptions>()
            .BindConfiguration(LinkOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<SubscriberStore>();
        builder.Services.AddSingleton<SubscriberImporter>();
        builder.Services.AddSingleton<ProfileStore>();
        builder.Services.AddSingleton<OpinionStore>();
        builder.Services.AddSingleton<WantedPaperStore>();
        builder.Services.AddSingleton<SuppressionStore>();
        builder.Services.AddSingleton<LinkSigningKey>();
        builder.Services.AddSingleton<LinkBuilder>();
        builder.Services.AddSingleton<LinkResolver>();
        builder.Services.AddSingleton<AccountMailer>();
        builder.Services.AddSingleton<SubscriptionService>();
        return builder;
    }
}
