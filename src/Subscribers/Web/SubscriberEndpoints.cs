using Paperboy.Templates;

namespace Paperboy.Subscribers.Web;

public static class SubscriberEndpoints
{
    public static WebApplication MapSubscribers(this WebApplication app)
    {
        SubscribeEndpoints.Map(app);
        LinkEndpoints.Map(app);
        PreferencesEndpoints.Map(app);
        // The JSON API answers in JSON: a program that asks for an address that does not exist gets problem
        // details, not the HTML page meant for people.
        app.MapFallback("/api/{**path}", (HttpContext context) => string.Equals(context.Request.Path.Value?.TrimEnd('/'), "/api/subscriptions", StringComparison.OrdinalIgnoreCase)
            ? MethodNotAllowed(context)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no API at {context.Request.Path}."));
        app.MapFallback((PageRenderer renderer) =>
            Pages.Message(renderer, StatusCodes.Status404NotFound, "Page not found", "There is nothing at this address. Links in your most recent email always work."));
        return app;
    }

    private static IResult MethodNotAllowed(HttpContext context)
    {
        context.Response.Headers.Allow = HttpMethods.Post;
        return Results.Problem(statusCode: StatusCodes.Status405MethodNotAllowed, title: "Method not allowed", detail: "Subscriptions are created with POST.");
    }
}
