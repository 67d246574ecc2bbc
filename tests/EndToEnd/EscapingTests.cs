using MimeKit;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.EndToEnd;

public abstract class EscapingTests(PostgresServer? postgres) : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), postgres);

    public void Dispose()
    {
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task SendDue_Escapes_Markup_From_The_Feed_In_The_Html_Part()
    {
        // Arrange
        string path = _workspace.WriteFile("hostile.jsonl", """
            {"id": "2611.00001", "title": "<script>alert('x')</script> Robot grasping", "abstract": "Robot grasping with \"><img src=x onerror=alert(1)> tactile sensing and {{ 6 * 7 }} templates.", "authors": ["<b>Mallory</b>"]}
            """);
        // BM25 needs a catalog of realistic size for a term to count as rare, so the sample corpus goes in too.
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        await _workspace.RunAsync("papers", "ingest", path);
        await _workspace.RunAsync("subscribers", "add", "reader@example.com", "--keywords", "robot grasping", "--timezone", "UTC");

        // Act
        CliResult result = await _workspace.RunAsync("send-due");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("sent", result.Out, StringComparison.Ordinal);
        MimeMessage message = MimeMessage.Load(Assert.Single(Directory.GetFiles(_workspace.PickupDirectory, "*.eml")), TestContext.Current.CancellationToken);
        string html = message.HtmlBody ?? "";
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Robot grasping", html, StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Mallory&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("{{ 6 * 7 }}", html, StringComparison.Ordinal);
        Assert.Contains("<script>alert('x')</script> Robot grasping", message.TextBody, StringComparison.Ordinal);
    }

    public sealed class OnSqlite() : EscapingTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : EscapingTests(postgres);
}
