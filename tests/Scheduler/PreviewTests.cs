using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Scheduler;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Scheduler;

public abstract class PreviewTests(PostgresServer? postgres) : IDisposable
{
    // 12:00 UTC is already Saturday in Auckland.
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero), postgres);

    public void Dispose()
    {
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task ArrangeSubscriberAsync()
    {
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        CliResult added = await _workspace.RunAsync("subscribers", "add", "kiwi@example.com", "--keywords", "robot", "--timezone", "Pacific/Auckland");
        Assert.True(added.ExitCode == 0, added.ToString());
    }

    [Fact]
    public async Task Preview_Notes_That_Nothing_Is_Sent_When_The_Subscriber_Has_Unsubscribed()
    {
        // Arrange
        await ArrangeSubscriberAsync();
        await _workspace.RunAsync("subscribers", "unsubscribe", "kiwi@example.com");

        // Act
        CliResult result = await _workspace.RunAsync("preview", "--subscriber", "kiwi@example.com", "--out", Path.Combine(_workspace.Root, "p.html"));

        // Assert: still previewed (an operator answering "what would I get?"), with the status said.
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("note: kiwi@example.com is unsubscribed, so nothing is sent to them", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_Writes_The_Next_Digest_In_The_Subscribers_Time_Zone_And_Records_Nothing_When_Given_Out()
    {
        // Arrange
        await ArrangeSubscriberAsync();
        string file = Path.Combine(_workspace.Root, "preview.html");

        // Act
        CliResult result = await _workspace.RunAsync("preview", "--subscriber", "kiwi@example.com", "--out", file);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("wrote", result.Out, StringComparison.Ordinal);
        string html = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("Saturday, 28 November 2026", html, StringComparison.Ordinal);
        Assert.Contains("papers for you", html, StringComparison.Ordinal);
        Assert.Equal(0, await _workspace.CountAsync("digests"));
        Assert.Equal(0, await _workspace.CountAsync("digest_items"));
        Assert.Equal(0, await _workspace.CountAsync("outbox"));
        Assert.False(Directory.Exists(_workspace.PickupDirectory), "preview must not send anything");
    }

    [Fact]
    public async Task Preview_Fails_With_A_Message_When_The_Out_Folder_Does_Not_Exist()
    {
        // Arrange
        await ArrangeSubscriberAsync();
        string file = Path.Combine(_workspace.Root, "missing", "preview.html");

        // Act
        CliResult result = await _workspace.RunAsync("preview", "--subscriber", "kiwi@example.com", "--out", file);

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: Could not find a part of the path '{file}'.", result.Error.Trim());
    }

    [Fact]
    public async Task Preview_Fails_With_A_Message_When_The_Subscriber_Is_Unknown()
    {
        // Act
        CliResult result = await _workspace.RunAsync("preview", "--subscriber", "nobody@example.com");

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no subscriber with the address nobody@example.com", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviewEndpoint_Serves_Html_To_Loopback_And_Refuses_Proxied_Requests_When_The_Service_Runs()
    {
        // Arrange
        CancellationToken ct = TestContext.Current.CancellationToken;
        await ArrangeSubscriberAsync();
        _workspace.Settings["Urls"] = "http://127.0.0.1:0";
        _workspace.Settings["Scheduler:Interval"] = "01:00:00";
        await using WebApplication app = Program.Build([], _workspace.Settings, s => s.AddSingleton<TimeProvider>(_workspace.Time));
        await app.StartAsync(ct);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        var uri = new Uri("/preview?subscriber=kiwi%40example.com", UriKind.Relative);

        // Act
        using HttpResponseMessage local = await http.GetAsync(uri, ct);
        string html = await local.Content.ReadAsStringAsync(ct);
        using var proxied = new HttpRequestMessage(HttpMethod.Get, uri);
        proxied.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using HttpResponseMessage forwarded = await http.SendAsync(proxied, ct);
        await app.StopAsync(ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal("text/html", local.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Saturday, 28 November 2026", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, forwarded.StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("192.0.2.10", false)]
    [InlineData("2001:db8::1", false)]
    public void IsLocal_Accepts_Only_Loopback_When_Checking_The_Remote_Address(string address, bool expected)
    {
        // Arrange
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);

        // Act
        bool local = PreviewEndpoints.IsLocal(context);

        // Assert
        Assert.Equal(expected, local);
    }

    public sealed class OnSqlite() : PreviewTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : PreviewTests(postgres);
}
