using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Paperboy.Subscribers.Web;

/// <summary>What every page gets: security headers with a per-request script nonce, antiforgery, and rate limits.</summary>
public static class WebSecurity
{
    public const string SubscribePolicy = "subscribe";
    private const string NonceKey = "paperboy.csp-nonce";

    /// <summary>
    /// The largest request body accepted. Kestrel's default is 30 MB; the biggest legitimate body here, a preferences
    /// form with 100 keywords of 100 characters, is about 10 KB, so a public form need not read megabytes.
    /// </summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    public static WebApplicationBuilder AddWebSecurity(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "paperboy.af");
        builder.Services.AddProblemDetails();
        builder.Services.AddPageSamples();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(SubscribePolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<WebOptions>>().Value.SubscribeLimitPerHour,
                    Window = TimeSpan.FromHours(1),
                    QueueLimit = 0,
                }));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                HttpContext context = rejected.HttpContext;
                context.Response.Headers.RetryAfter = "3600";
                const string Text = "Too many sign-ups from this address. Please try again in an hour.";
                // Said the way the caller reads: problem details for the API, a page for the form.
                IResult answer = context.Request.Path.StartsWithSegments("/api")
                    ? Results.Problem(
                        title: "Too many sign-ups", detail: Text, statusCode: StatusCodes.Status429TooManyRequests,
                        extensions: new Dictionary<string, object?> { ["errors"] = new[] { Text } })
                    : Pages.Message(context.RequestServices.GetRequiredService<Templates.PageRenderer>(), StatusCodes.Status429TooManyRequests, "Too many sign-ups", Text);
                await answer.ExecuteAsync(context);
            };
        });
        return builder;
    }

    public static WebApplication UseWebSecurity(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            string nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            context.Response.OnStarting(() =>
            {
                IHeaderDictionary headers = context.Response.Headers;
                headers.ContentSecurityPolicy =
                    $"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; script-src 'nonce-{nonce}'; " +
                    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                // Link tokens are in the path: never leak them to another site through Referer.
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            await next(context);
        });
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception ex) when (!context.Response.HasStarted && (ex as BadHttpRequestException ?? ex.InnerException as BadHttpRequestException) is { } bad)
            {
                // A body over MaxRequestBodyBytes, or a malformed form, found while a handler (or the antiforgery check,
                // which wraps it) reads it: the client's fault (413, 400), answered as such instead of as a server error.
                context.Response.Clear();
                context.Response.StatusCode = bad.StatusCode;
                await Results.Problem(statusCode: bad.StatusCode, title: "The request was refused", detail: bad.Message).ExecuteAsync(context);
            }
        });
        app.UseRateLimiter();
        return app;
    }

    public static string Nonce(HttpContext context) =>
        context?.Items[NonceKey] as string ?? throw new InvalidOperationException("UseWebSecurity() must run before the pages");
}
