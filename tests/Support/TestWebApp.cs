using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Paperboy.Tests.Support;

/// <summary>The real application on Kestrel at 127.0.0.1, with links built for that address, and a browser-like client.</summary>
public sealed partial class TestWebApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClientHandler _handler = new() { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };

    private TestWebApp(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient(_handler) { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    /// <summary>Keeps cookies, like a browser: the site's forms work with it.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<TestWebApp> StartAsync(TestWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        int port = FreePort();
        string address = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        workspace.Settings["Urls"] = address;
        workspace.Settings["Web:PublicBaseUrl"] = address;
        WebApplication app = Program.Build([], workspace.Settings, s => s.AddSingleton<TimeProvider>(workspace.Time));
        await app.StartAsync();
        return new TestWebApp(app, new Uri(address));
    }

    /// <summary>GETs a page and returns it with the antiforgery field of its form.</summary>
    public async Task<(HttpResponseMessage Response, string Html, string FormToken)> GetPageAsync(string url)
    {
        HttpResponseMessage response = await Client.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute));
        string html = await response.Content.ReadAsStringAsync();
        Match token = AntiforgeryField().Match(html);
        return (response, html, token.Success ? WebUtility.HtmlDecode(token.Groups[1].Value) : "");
    }

    /// <summary>Opens the page at <paramref name="url"/> and submits its form with <paramref name="fields"/>, as a person would.</summary>
    public async Task<(HttpResponseMessage Response, string Html)> SubmitAsync(string url, params (string Name, string Value)[] fields) =>
        await SubmitAsync(url, url, fields);

    public async Task<(HttpResponseMessage Response, string Html)> SubmitAsync(string pageUrl, string postUrl, params (string Name, string Value)[] fields)
    {
        (_, _, string token) = await GetPageAsync(pageUrl);
        List<KeyValuePair<string, string>> form = [new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))];
        using var content = new FormUrlEncodedContent(form);
        HttpResponseMessage response = await Client.PostAsync(new Uri(postUrl, UriKind.RelativeOrAbsolute), content);
        return (response, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _handler.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]*)\"")]
    private static partial Regex AntiforgeryField();
}
