using MimeKit;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.EndToEnd;

/// <summary>The whole pipeline through the command line: ingest, subscribe, send-due over real SMTP on loopback.</summary>
public abstract class SendDueEndToEndTests(PostgresServer? postgres) : IAsyncLifetime
{
    // 09:00 in Berlin: past a 07:00 delivery hour.
    private static readonly DateTimeOffset Morning = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    private readonly TestWorkspace _workspace = new(Morning, postgres);
    private TestSmtpServer _smtp = null!;

    public async ValueTask InitializeAsync()
    {
        _smtp = await TestSmtpServer.StartAsync();
        _workspace.UseSmtp(_smtp);
    }

    public async ValueTask DisposeAsync()
    {
        await _smtp.DisposeAsync();
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task SendDue_Delivers_One_Digest_Over_Smtp_And_Nothing_More_When_Run_Again()
    {
        // Arrange
        CliResult ingest = await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        CliResult add = await _workspace.RunAsync(
            "subscribers", "add", "reader@example.com", "--keywords", "semantic segmentation, object detection", "--timezone", "Europe/Berlin", "--hour", "7");
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        Assert.True(add.ExitCode == 0, add.ToString());

        // Act
        CliResult first = await _workspace.RunAsync("send-due");
        CliResult second = await _workspace.RunAsync("send-due");

        // Assert
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        TestSmtpServer.ReceivedMessage received = Assert.Single(_smtp.Received);
        Assert.Equal(["reader@example.com"], received.To);
        Assert.Equal("digest@paperboy.localhost", received.From);

        MimeMessage message = received.Message;
        Assert.Equal("reader@example.com", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("10 papers for you · Fri 27 Nov", message.Subject);
        Assert.Equal("multipart/alternative", message.Body?.ContentType.MimeType);
        Assert.False(string.IsNullOrEmpty(message.MessageId));
        Assert.Matches(@"^<http://localhost:5000/u/[A-Za-z0-9_-]{56}>$", message.Headers["List-Unsubscribe"]);

        string html = message.HtmlBody ?? "";
        string text = message.TextBody ?? "";
        Assert.Contains("Fully Convolutional Networks for Semantic Segmentation", html, StringComparison.Ordinal);
        Assert.Contains("Fully Convolutional Networks for Semantic Segmentation", text, StringComparison.Ordinal);
        Assert.Equal(10, CountOf(html, "Matches your keywords:"));
        Assert.Equal(10, CountOf(text, "Matches your keywords:"));
        Assert.Contains("Unsubscribe: http://localhost:5000/u/", text, StringComparison.Ordinal);

        Assert.Contains("sent", first.Out, StringComparison.Ordinal);
        Assert.Contains("nothing is due", second.Out, StringComparison.Ordinal);
        Assert.Equal(10, await _workspace.CountAsync("digest_items"));
        Assert.Equal(["sent"], await _workspace.QueryAsync<string>("SELECT state FROM outbox"));
    }

    [Fact]
    public async Task SendDue_Never_Sends_A_Paper_Twice_When_The_Next_Day_Comes()
    {
        // Arrange
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        await _workspace.RunAsync("subscribers", "add", "reader@example.com", "--keywords", "semantic segmentation, object detection", "--timezone", "Europe/Berlin");
        await _workspace.RunAsync("send-due");

        // Act
        _workspace.Time.Advance(TimeSpan.FromDays(1));
        CliResult nextDay = await _workspace.RunAsync("send-due");

        // Assert
        Assert.True(nextDay.ExitCode == 0, nextDay.ToString());
        Assert.Equal(2, _smtp.Received.Count);
        string[] firstTitles = Titles(_smtp.Received.First().Message);
        string[] secondTitles = Titles(_smtp.Received.Last().Message);
        Assert.NotEmpty(secondTitles);
        Assert.Empty(firstTitles.Intersect(secondTitles));
        Assert.Equal(["2026-11-27", "2026-11-28"], await _workspace.QueryAsync<string>("SELECT period FROM digests ORDER BY period"));
    }

    [Fact]
    public async Task SendDue_Sends_Nothing_When_The_Local_Delivery_Hour_Has_Not_Come()
    {
        // Arrange: 08:00 UTC is 03:00 in New York.
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        await _workspace.RunAsync("subscribers", "add", "early@example.com", "--keywords", "segmentation", "--timezone", "America/New_York", "--hour", "7");

        // Act
        CliResult result = await _workspace.RunAsync("send-due");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(_smtp.Received);
        Assert.Equal(0, await _workspace.CountAsync("digests"));
    }

    [Fact]
    public async Task SendDue_Fails_And_Suppresses_The_Address_When_The_Server_Refuses_The_Recipient()
    {
        // Arrange
        _smtp.RejectedRecipients["gone@example.com"] = true;
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        await _workspace.RunAsync("subscribers", "add", "gone@example.com", "--keywords", "segmentation", "--timezone", "UTC");
        await _workspace.RunAsync("subscribers", "add", "fine@example.com", "--keywords", "segmentation", "--timezone", "UTC");

        // Act
        CliResult result = await _workspace.RunAsync("send-due");

        // Assert: one permanent refusal fails that message only; the other still goes out.
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("failed", result.Out, StringComparison.Ordinal);
        Assert.Equal(["fine@example.com"], Assert.Single(_smtp.Received).To);
        Assert.Equal(
            ["failed", "sent"],
            await _workspace.QueryAsync<string>("SELECT state FROM outbox ORDER BY recipient DESC"));

        // The hard bounce suppresses the address: it is never planned again, so no send-log entries either.
        CliResult list = await _workspace.RunAsync("suppression", "list");
        Assert.Contains("gone@example.com", list.Out, StringComparison.Ordinal);
        Assert.Contains("hard bounce: 550", list.Out, StringComparison.Ordinal);
        _workspace.Time.Advance(TimeSpan.FromDays(1));
        CliResult nextDay = await _workspace.RunAsync("send-due");
        Assert.True(nextDay.ExitCode == 0, nextDay.ToString());
        Assert.DoesNotContain(_smtp.Received, r => r.To.Contains("gone@example.com"));
        Assert.Equal(["2026-11-27"], await _workspace.QueryAsync<string>("SELECT period FROM digests d JOIN subscribers s ON s.id = d.subscriber_id WHERE s.email = 'gone@example.com'"));
    }

    private static int CountOf(string text, string value) =>
        (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;

    private static string[] Titles(MimeMessage message) =>
        [.. (message.TextBody ?? "").Split('\n').Where(l => l.Length > 3 && char.IsDigit(l[0]) && l.Contains(". ", StringComparison.Ordinal)).Select(l => l[(l.IndexOf(". ", StringComparison.Ordinal) + 2)..])];

    [Fact]
    public async Task SendDue_Deletes_Sent_Messages_Bodies_But_Keeps_Rows_And_Send_Log_When_They_Are_Older_Than_The_Retention()
    {
        // Arrange: a digest sent today, then a day's digest 15 days later (retention 14 days).
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        await _workspace.RunAsync("subscribers", "add", "reader@example.com", "--keywords", "segmentation", "--timezone", "Europe/Berlin", "--hour", "7");
        Assert.Equal(0, (await _workspace.RunAsync("send-due")).ExitCode);
        long sendLog = await _workspace.CountAsync("digest_items");
        _workspace.Time.Advance(TimeSpan.FromDays(15));
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);

        // Act
        CliResult later = await _workspace.RunAsync("send-due");

        // Assert: the old body is gone, the new one (not yet 14 days old) intact; rows and send log stay.
        Assert.True(later.ExitCode == 0, later.ToString());
        List<long> sizes = await _workspace.QueryAsync<long>(
            "SELECT COALESCE(length(b.mime), 0) FROM outbox o LEFT JOIN outbox_bodies b ON b.outbox_id = o.id WHERE o.state = 'sent' ORDER BY o.id");
        Assert.Equal([0L, 1L], await _workspace.QueryAsync<long>("SELECT has_body FROM outbox WHERE state = 'sent' ORDER BY id"));
        Assert.Equal(2, sizes.Count);
        Assert.Equal(0, sizes[0]);
        Assert.True(sizes[1] > 1000, $"the recent message keeps its body ({sizes[1]} bytes)");
        Assert.True(await _workspace.CountAsync("digest_items") >= sendLog);
        Assert.Equal(2, _smtp.Received.Count);
    }

    public sealed class OnSqlite() : SendDueEndToEndTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : SendDueEndToEndTests(postgres);
}
