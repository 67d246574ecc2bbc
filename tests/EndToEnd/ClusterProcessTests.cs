using System.Diagnostics;
using System.Globalization;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.EndToEnd;

/// <summary>
/// Issue 8: two and three nodes of the service as separate OS processes (the real binary) on one PostgreSQL database
/// and one SMTP server, 10,000 subscribers due at once. Every node takes part, nobody gets a digest twice, and with
/// one node killed by SIGKILL mid-run the others finish; what the dead node may have handed to the server is
/// listed as uncertain, never resent.
/// </summary>
public sealed class ClusterProcessTests(PostgresServer postgres) : IAsyncLifetime
{
    private const int Subscribers = 10_000;

    // A killed node leaves at most one claimed batch per connection 'sending' (OutboxDispatcher: 16 × 4 connections).
    private const int MostUncertainPerKill = 16 * 4;

    private readonly TestWorkspace _workspace = new(DateTimeOffset.UtcNow, postgres);
    private readonly List<AppProcess> _nodes = [];
    private TestSmtpServer _smtp = null!;

    public async ValueTask InitializeAsync()
    {
        _smtp = await TestSmtpServer.StartAsync();
        _workspace.UseSmtp(_smtp);
        _workspace.Settings["Urls"] = "http://127.0.0.1:0";
        // Quartz fires send-due every 5 s (the shortest interval allowed), on one node; the others join the run.
        _workspace.Settings["Scheduler:Interval"] = "00:00:05";
        // One line per log event, and not one per outbox transition: the plan log is what the test counts.
        _workspace.Settings["Logging:Console:FormatterOptions:SingleLine"] = "true";
        _workspace.Settings["Logging:LogLevel:Paperboy.Scheduler.OutboxStore"] = "Warning";
    }

    public async ValueTask DisposeAsync()
    {
        foreach (AppProcess node in _nodes)
        {
            node.Dispose();
        }

        await _smtp.DisposeAsync();
        _workspace.Dispose();
    }

    [Fact]
    public async Task Two_Nodes_Divide_The_Work_And_Send_Each_Subscriber_Exactly_One_Digest_When_Ten_Thousand_Are_Due() =>
        await RunAsync(nodes: 2, kill: false);

    [Fact]
    public async Task Three_Nodes_Divide_The_Work_And_Send_Each_Subscriber_Exactly_One_Digest_When_Ten_Thousand_Are_Due() =>
        await RunAsync(nodes: 3, kill: false);

    [Fact]
    public async Task Surviving_Node_Finishes_And_Nobody_Gets_Two_Digests_When_One_Of_Two_Nodes_Is_Killed_Mid_Run() =>
        await RunAsync(nodes: 2, kill: true);

    [Fact]
    public async Task Surviving_Nodes_Finish_And_Nobody_Gets_Two_Digests_When_One_Of_Three_Nodes_Is_Killed_Mid_Run() =>
        await RunAsync(nodes: 3, kill: true);

    private async Task RunAsync(int nodes, bool kill)
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        if (kill)
        {
            // The dead node's leased batch waits this long for a survivor; its 'sending' claims become uncertain after
            // AbandonedAfter (long enough that a live node's claim, under this load, is never taken for a dead one's).
            _workspace.Settings["Scheduler:PlanLease"] = "00:00:30";
            _workspace.Settings["Mail:AbandonedAfter"] = "00:00:30";
        }
        else
        {
            // "Nobody planned twice" holds while every batch is stored within its lease; a helper's run at load
            // average 28 once took longer than the default 2 minutes, and the batch was planned again (not sent twice).
            _workspace.Settings["Scheduler:PlanLease"] = "00:10:00";
        }

        // Arrange: the catalog, then the nodes (the first one alone, so it creates the schema and Quartz's tables),
        // then 10,000 subscribers due now, imported while all nodes run.
        CliResult ingest = await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        await StartNodeAsync(cancellationToken);
        for (int i = 1; i < nodes; i++)
        {
            await StartNodeAsync(cancellationToken);
        }

        var clock = Stopwatch.StartNew();
        await ImportSubscribersAsync();

        // Act: wait until every digest is planned and nothing is waiting or being sent; kill the first node once a
        // third of the mail has arrived.
        int? killedAt = null;
        DateTime deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            if (kill && killedAt is null && _smtp.Received.Count >= Subscribers / 3)
            {
                _nodes[0].Kill();
                killedAt = _smtp.Received.Count;
            }

            if (await _workspace.CountAsync("digests") == Subscribers
                && await _workspace.CountAsync("outbox WHERE state IN ('pending', 'sending')") == 0)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"not done after 10 minutes: {await StatesAsync()}");
            await Task.Delay(250, cancellationToken);
        }

        TimeSpan elapsed = clock.Elapsed;
        // Room for a late duplicate to arrive.
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        List<TimeSpan> cpu = [.. _nodes.Select(n => n.HasExited ? TimeSpan.Zero : n.Process.TotalProcessorTime)];

        int[] planned = [.. _nodes.Select(n => n.CountLines("papers queued"))];
        int repeated = _nodes.Sum(n => n.CountLines("already planned by another run"));
        List<string> uncertain = await _workspace.QueryAsync<string>("SELECT recipient FROM outbox WHERE state = 'uncertain'");
        Dictionary<string, int> received = _smtp.Received.SelectMany(r => r.To).GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
        string states = await StatesAsync();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{nodes} nodes{(kill ? $", node 0 killed after {killedAt} messages arrived" : "")}: {Subscribers} digests in {elapsed.TotalSeconds:0.0} s wall " +
            $"({Subscribers / elapsed.TotalSeconds:0} digests/s); planned per node {string.Join(", ", planned)}; planned twice {repeated}; " +
            $"{received.Count} arrived; {states}; node CPU {string.Join(", ", cpu.Select(c => $"{c.TotalSeconds:0.0} s"))}; " +
            $"load average {File.ReadAllText("/proc/loadavg").Trim()}"));

        // Assert
        Assert.All(received, r => Assert.True(r.Value == 1, $"{r.Key} received {r.Value} digests"));
        Assert.Equal(Subscribers, await _workspace.CountAsync("digests"));
        Assert.Equal(Subscribers, await _workspace.CountAsync("(SELECT DISTINCT subscriber_id FROM digests) AS d"));
        Assert.Equal(Subscribers, await _workspace.CountAsync("outbox"));
        HashSet<string> arrived = [.. _smtp.Received.Select(r => r.Message.MessageId ?? "")];
        List<string> sent = await _workspace.QueryAsync<string>("SELECT message_id FROM outbox WHERE state = 'sent'");
        Assert.All(sent, id => Assert.Contains(id, arrived));

        // Every node planned a share, and (without a kill) no subscriber was planned by two nodes.
        if (kill)
        {
            Assert.NotNull(killedAt);
            Assert.True(_nodes[0].HasExited);
            Assert.All(planned.Skip(1), p => Assert.True(p > 0, $"a surviving node planned nothing: {string.Join(", ", planned)}"));
            Assert.Equal(0, await _workspace.CountAsync("outbox WHERE state NOT IN ('sent', 'uncertain')"));
            Assert.InRange(uncertain.Count, 0, MostUncertainPerKill);
            List<string> missing = [.. (await _workspace.QueryAsync<string>("SELECT email FROM subscribers")).Where(e => !received.ContainsKey(e))];
            Assert.All(missing, m => Assert.Contains(m, uncertain));
        }
        else
        {
            Assert.Equal(Subscribers, received.Count);
            Assert.Equal(["sent"], await _workspace.QueryAsync<string>("SELECT DISTINCT state FROM outbox"));
            Assert.All(planned, p => Assert.True(p > 0, $"a node planned nothing: {string.Join(", ", planned)}"));
            Assert.Equal(Subscribers, planned.Sum());
            Assert.Equal(0, repeated);
        }
    }

    private async Task StartNodeAsync(CancellationToken cancellationToken)
    {
        AppProcess node = AppProcess.Start(_workspace.Settings);
        _nodes.Add(node);
        Assert.True(
            await node.WaitForLineAsync("Application started", TimeSpan.FromMinutes(2), cancellationToken),
            $"node {_nodes.Count - 1} did not start:\n{node.Output}");
    }

    private async Task ImportSubscribersAsync()
    {
        string[] interests = ["semantic segmentation", "reinforcement learning", "language model", "object detection", "diffusion", "graph"];
        IEnumerable<string> rows = Enumerable.Range(0, Subscribers).Select(i => string.Create(
            CultureInfo.InvariantCulture, $"node{i:00000}@example.com,{interests[i % interests.Length]};{interests[(i / 6) % interests.Length]},daily,UTC,0,true"));
        string csv = _workspace.WriteFile("subscribers.csv", string.Join('\n', ["email,keywords,frequency,timezone,hour,consented", .. rows]));
        CliResult import = await _workspace.RunAsync("subscribers", "import", csv);
        Assert.True(import.ExitCode == 0, import.ToString());
    }

    private async Task<string> StatesAsync() =>
        $"{await _workspace.CountAsync("digests")} digests; outbox: " +
        string.Join(", ", await _workspace.QueryAsync<string>("SELECT state || '=' || COUNT(*) FROM outbox GROUP BY state"));
}
