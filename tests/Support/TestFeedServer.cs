using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Paperboy.Tests.Support;

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1 and a port the OS picks) that answers each path with a script of
/// responses, one per request (the last one repeats), and records every request it got.
/// </summary>
public sealed class TestFeedServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpContext, Task>>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _last = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public static async Task<TestFeedServer> StartAsync()
    {
        var server = new TestFeedServer();
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server._app = app;
        server.BaseAddress = new Uri(app.Urls.Single());
        return server;
    }

    public Uri Url(string path) => new(BaseAddress, path);

    /// <summary>Answers requests for <paramref name="path"/> with these responses in turn, then the last one again.</summary>
    public void Serve(string path, params Func<HttpContext, Task>[] responses)
    {
        _scripts[path] = new ConcurrentQueue<Func<HttpContext, Task>>(responses);
        _last[path] = responses[^1];
    }

    /// <summary>A 200 with a body and an ETag; a request that already has that ETag gets a 304.</summary>
    public static Func<HttpContext, Task> Body(string body, string contentType, string? etag = null) => async context =>
    {
        if (etag is not null)
        {
            context.Response.Headers.ETag = etag;
            if (context.Request.Headers.IfNoneMatch.ToString() == etag)
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }

        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body);
    };

    public static Func<HttpContext, Task> Status(int status, string? retryAfter = null) => context =>
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        return Task.CompletedTask;
    };

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? "/";
        Requests.Enqueue(new RecordedRequest(
            path,
            Stopwatch.GetTimestamp(),
            context.Request.Headers.UserAgent.ToString(),
            context.Request.Headers.IfNoneMatch.ToString(),
            context.Request.QueryString.Value ?? ""));
        if (!_scripts.TryGetValue(path, out ConcurrentQueue<Func<HttpContext, Task>>? script))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        Func<HttpContext, Task> respond = script.TryDequeue(out Func<HttpContext, Task>? next) ? next : _last[path];
        await respond(context);
    }

    public sealed record RecordedRequest(string Path, long Timestamp, string UserAgent, string IfNoneMatch, string Query);
}
