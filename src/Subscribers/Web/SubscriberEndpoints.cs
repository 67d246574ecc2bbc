using Paperboy.Templates;

namespace Paperboy.Subscribers.Web;

public static class SubscriberEndpoints
{
    public static WebApplication MapSubscribers(this WebApplication app)
    {
        SubscribeEndpoints.Map(app);
        LinkEndpoints.Map(app);
        PreferencesEndpoints.Map(app);
        app.MapFallback((PageRenderer renderer) =>
            Pages.Message(renderer, StatusCodes.Status404NotFound, "Page not found", "There is nothing at this address. Links in your most recent email always work."));
        return app;
    }
}
