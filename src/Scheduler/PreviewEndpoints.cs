using System.Net;
using Paperboy.Hosting;
using Paperboy.Templates;

namespace Paperboy.Scheduler;

public static class PreviewEndpoints
{
    /// <summary>
    /// <c>GET /preview?subscriber=EMAIL</c>: the subscriber's next digest as HTML, for callers on this machine
    /// only. A request that came through a proxy (it carries forwarding headers) is refused even from loopback,
    /// since a reverse proxy on the same host would make every visitor look local.
    /// </summary>
    public static WebApplication MapPreview(this WebApplication app)
    {
        app.MapGet("/preview", async (HttpContext context, string? subscriber, DigestPreviewer previewer, CancellationToken ct) =>
        {
            if (!IsLocal(context))
            {
                return Results.NotFound();
            }

            if (string.IsNullOrWhiteSpace(subscriber))
            {
                return Results.Problem("give the subscriber's address: /preview?subscriber=EMAIL", statusCode: StatusCodes.Status400BadRequest);
            }

            try
            {
                RenderedDigest? digest = await previewer.PreviewAsync(subscriber, ct);
                return digest is null
                    ? Results.Problem("no new paper above the relevance threshold for this subscriber", statusCode: StatusCodes.Status404NotFound)
                    : Results.Content(digest.Html, "text/html; charset=utf-8");
            }
            catch (PaperboyException ex)
            {
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound);
            }
        });
        return app;
    }

    public static bool IsLocal(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        IPAddress? remote = context.Connection.RemoteIpAddress;
        return remote is not null
            && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote)
            && !context.Request.Headers.ContainsKey("X-Forwarded-For")
            && !context.Request.Headers.ContainsKey("Forwarded");
    }
}
