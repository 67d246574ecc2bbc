using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Paperboy.Subscribers.Web;

/// <summary>What every page gets: security headers with a per-request script nonce, antiforgery, and rate limits.</summary>
public static class WebSecurity
{
    public const string SubscribePolicy = "subscribe";
    private const string NonceKey = "paperboy.csp-nonce";

    public static WebApplicationBuilder AddWebSecurity(this WebApplicationBuilder builder)
    {
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
                rejected.HttpContext.Response.Headers.RetryAfter = "3600";
                await rejected.HttpContext.Response.WriteAsync("Too many sign-ups from this address. Please try again in an hour.", cancellationToken);
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
        app.UseRateLimiter();
        return app;
    }

    public static string Nonce(HttpContext context) =>
        context?.Items[NonceKey] as string ?? throw new InvalidOperationException("UseWebSecurity() must run before the pages");
}
