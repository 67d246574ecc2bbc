using MimeKit;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Scheduler;

public abstract class InstantAlertsTests(PostgresServer? postgres) : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), postgres);

    public void Dispose()
    {
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task PapersIngest_Queues_Alerts_For_Instant_Subscribers_Up_To_The_Daily_Cap_And_The_Digest_Leaves_Them_Out()
    {
        // Arrange
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        await _workspace.RunAsync("subscribers", "add", "instant@example.com", "--keywords", "quantum error correction, segmentation", "--frequency", "instant", "--timezone", "UTC", "--hour", "23");
        await _workspace.RunAsync("subscribers", "add", "daily@example.com", "--keywords", "quantum error correction", "--timezone", "UTC", "--hour", "23");

        // Act: four separate arrivals of a paper squarely on the instant subscriber's interest.
        for (int i = 1; i <= 4; i++)
        {
            string file = _workspace.WriteFile($"new{i}.jsonl", $$"""
                {"id": "2611.0000{{i}}", "title": "Quantum error correction with surface codes, part {{i}}", "abstract": "We study quantum error correction. Quantum error correction with surface codes protects logical qubits; our quantum error correction decoder is fast."}
                """);
            CliResult ingest = await _workspace.RunAsync("papers", "ingest", file);
            Assert.True(ingest.ExitCode == 0, ingest.ToString());
        }

        CliResult send = await _workspace.RunAsync("send-due");
        _workspace.Time.Advance(TimeSpan.FromHours(15));
        CliResult evening = await _workspace.RunAsync("send-due");

        // Assert: three alerts (the cap), none for the daily subscriber, and the evening digest skips what the alerts sent.
        Assert.True(send.ExitCode == 0, send.ToString());
        Assert.Equal(
            ["2026-11-27/alert-1", "2026-11-27/alert-2", "2026-11-27/alert-3"],
            await _workspace.QueryAsync<string>("SELECT d.period FROM digests d JOIN subscribers s ON s.id = d.subscriber_id WHERE s.email = 'instant@example.com' AND d.period LIKE '%alert%' ORDER BY d.period"));
        Assert.Equal(0, await _workspace.CountAsync("digests d JOIN subscribers s ON s.id = d.subscriber_id WHERE s.email = 'daily@example.com' AND d.period LIKE '%alert%'"));
        List<string> alertKeys = await _workspace.QueryAsync<string>(
            "SELECT p.paper_key FROM digest_items i JOIN digests d ON d.id = i.digest_id JOIN papers p ON p.id = i.paper_id WHERE d.period LIKE '%alert%' ORDER BY p.paper_key");
        Assert.Equal(["arxiv:2611.00001", "arxiv:2611.00002", "arxiv:2611.00003"], alertKeys);
        List<string> eveningKeys = await _workspace.QueryAsync<string>(
            "SELECT p.paper_key FROM digest_items i JOIN digests d ON d.id = i.digest_id JOIN papers p ON p.id = i.paper_id JOIN subscribers s ON s.id = d.subscriber_id WHERE s.email = 'instant@example.com' AND d.period = '2026-11-27'");
        Assert.NotEmpty(eveningKeys);
        Assert.Empty(eveningKeys.Intersect(alertKeys));
        Assert.Contains("arxiv:2611.00004", eveningKeys);

        MimeMessage[] toInstant = [.. Directory.GetFiles(_workspace.PickupDirectory, "*.eml")
            .Select(f => MimeMessage.Load(f, TestContext.Current.CancellationToken))
            .Where(m => m.To.Mailboxes.Single().Address == "instant@example.com")];
        Assert.Equal(4, toInstant.Length);
        Assert.Single(toInstant, m => (m.TextBody ?? "").Contains("surface codes, part 1", StringComparison.Ordinal));
        // Each mail says what it is: three alerts, and the evening's leftovers as a daily digest.
        Assert.Equal(3, toInstant.Count(m => (m.TextBody ?? "").Contains("You get this alert because instant@example.com asked Paperboy for instant alerts", StringComparison.Ordinal)));
        Assert.Single(toInstant, m => (m.TextBody ?? "").Contains("You get this daily digest because instant@example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PapersIngest_Stores_No_Alert_Beyond_The_Daily_Cap_When_Five_Nodes_Store_Papers_At_Once()
    {
        // Arrange: five arrivals of papers on the instant subscriber's interest, each a different paper.
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        await _workspace.RunAsync("subscribers", "add", "instant@example.com", "--keywords", "quantum error correction", "--frequency", "instant", "--timezone", "UTC", "--hour", "23");
        string[] files = [.. Enumerable.Range(1, 5).Select(i => _workspace.WriteFile($"new{i}.jsonl", $$"""
            {"id": "2611.1000{{i}}", "title": "Quantum error correction with surface codes, part {{i}}", "abstract": "We study quantum error correction. Quantum error correction with surface codes protects logical qubits; our quantum error correction decoder is fast."}
            """))];

        // Act: five applications (as on five nodes) store them at the same moment, each with its own connections.
        CliResult[] ingests = await Task.WhenAll(files.Select(f => _workspace.RunAsync("papers", "ingest", f)));

        // Assert: alerts 1 to 3 (the cap), each with different papers; the two that lost their number found the day full.
        Assert.All(ingests, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Equal(
            ["2026-11-27/alert-1", "2026-11-27/alert-2", "2026-11-27/alert-3"],
            await _workspace.QueryAsync<string>("SELECT period FROM digests WHERE period LIKE '%alert%' ORDER BY period"));
        List<string> alerted = await _workspace.QueryAsync<string>(
            "SELECT p.paper_key FROM digest_items i JOIN digests d ON d.id = i.digest_id JOIN papers p ON p.id = i.paper_id WHERE d.period LIKE '%alert%'");
        Assert.Equal(alerted.Count, alerted.Distinct().Count());
        Assert.Equal(3, await _workspace.CountAsync("outbox"));
    }

    public sealed class OnSqlite() : InstantAlertsTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : InstantAlertsTests(postgres);
}
