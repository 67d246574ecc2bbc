using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Paperboy.Scheduler;
using Paperboy.Storage;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Scheduler;

/// <summary>
/// The per-second pace on PostgreSQL is kept in the database (<see cref="SharedPace"/>), so it holds for all nodes
/// together. Each "node" here is a whole application with its own connection pool.
/// </summary>
public sealed class SharedPaceTests(PostgresServer postgres) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tenth = TimeSpan.FromMilliseconds(100);

    private readonly TestWorkspace _workspace = new(Start, postgres);
    private readonly FakeTimeProvider _time = new(Start);
    private WebApplication _nodeA = null!;
    private WebApplication _nodeB = null!;

    public async ValueTask InitializeAsync()
    {
        CliResult migrated = await _workspace.RunAsync("migrate");
        Assert.True(migrated.ExitCode == 0, migrated.ToString());
        _nodeA = Program.Build(["outbox", "status"], _workspace.Settings);
        _nodeB = Program.Build(["outbox", "status"], _workspace.Settings);
    }

    public async ValueTask DisposeAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
        _workspace.Dispose();
    }

    private SharedPace Pace(WebApplication node) => new(node.Services.GetRequiredService<ConnectionFactory>(), _time);

    [Fact]
    public async Task ReserveAsync_Gives_Two_Nodes_Consecutive_Slots_When_They_Reserve_In_Turn()
    {
        // Arrange
        using SharedPace a = Pace(_nodeA);
        using SharedPace b = Pace(_nodeB);
        CancellationToken token = TestContext.Current.CancellationToken;

        // Act: 10 a second; a takes 5, b 5, a 3.
        IReadOnlyList<DateTimeOffset> first = await a.ReserveAsync(5, 10, token);
        IReadOnlyList<DateTimeOffset> second = await b.ReserveAsync(5, 10, token);
        IReadOnlyList<DateTimeOffset> third = await a.ReserveAsync(3, 10, token);

        // Assert: one schedule for both, a tenth of a second apart, starting now.
        Assert.Equal(Enumerable.Range(0, 13).Select(i => Start + (Tenth * i)), [.. first, .. second, .. third]);
    }

    [Fact]
    public async Task ReserveAsync_Never_Hands_Out_A_Slot_Twice_When_Two_Nodes_Reserve_Concurrently()
    {
        // Arrange
        using SharedPace a = Pace(_nodeA);
        using SharedPace b = Pace(_nodeB);
        CancellationToken token = TestContext.Current.CancellationToken;

        // Act: 2 nodes × 4 workers × 10 reservations of 4 slots, all at once.
        IReadOnlyList<DateTimeOffset>[] reserved = await Task.WhenAll(
            Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                var mine = new List<DateTimeOffset>();
                for (int i = 0; i < 10; i++)
                {
                    mine.AddRange(await (w % 2 == 0 ? a : b).ReserveAsync(4, 10, token));
                }

                return (IReadOnlyList<DateTimeOffset>)mine;
            }, token)));

        // Assert: 320 slots, every tenth of a second from now, each handed out once.
        Assert.Equal(Enumerable.Range(0, 320).Select(i => Start + (Tenth * i)), reserved.SelectMany(r => r).Order());
    }

    [Fact]
    public async Task ReserveAsync_Starts_At_Now_When_The_Cluster_Was_Idle()
    {
        // Arrange
        using SharedPace a = Pace(_nodeA);
        using SharedPace b = Pace(_nodeB);
        CancellationToken token = TestContext.Current.CancellationToken;
        await a.ReserveAsync(16, 10, token);

        // Act: a minute later, long after the reserved slots.
        _time.Advance(TimeSpan.FromMinutes(1));
        IReadOnlyList<DateTimeOffset> later = await b.ReserveAsync(2, 10, token);

        // Assert: no burst from the idle minute, no wait for old slots.
        Assert.Equal([Start.AddMinutes(1), Start.AddMinutes(1) + Tenth], later);
    }

    [Fact]
    public async Task SendDue_Keeps_The_Per_Second_Pace_For_Both_Runs_Together_When_Two_Nodes_Send_At_Once()
    {
        // Arrange: 20 digests due; 10 a second in all. Paced per process, each run's bucket would let 10 go at once.
        await using TestSmtpServer smtp = await TestSmtpServer.StartAsync();
        _workspace.Settings["Mail:RateLimit:PerSecond"] = "10";
        _workspace.UseSmtp(smtp);
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        string csv = _workspace.WriteFile("subscribers.csv", string.Join('\n', [
            "email,keywords,frequency,timezone,hour,consented",
            .. Enumerable.Range(0, 20).Select(i => $"pace{i:00}@example.com,segmentation;detection,daily,UTC,0,true")]));
        CliResult import = await _workspace.RunAsync("subscribers", "import", csv);
        Assert.True(import.ExitCode == 0, import.ToString());

        // Act: two send-due runs at once, as two nodes; note when the first and the last message arrive.
        Task<CliResult[]> runs = Task.WhenAll(_workspace.RunAsync("send-due"), _workspace.RunAsync("send-due"));
        Stopwatch? sinceFirst = null;
        while (smtp.Received.Count < 20 && !runs.IsCompleted)
        {
            if (sinceFirst is null && !smtp.Received.IsEmpty)
            {
                sinceFirst = Stopwatch.StartNew();
            }

            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        TimeSpan firstToLast = sinceFirst?.Elapsed ?? TimeSpan.Zero;
        CliResult[] results = await runs;

        // Assert: 20 messages on one schedule of slots 0.1 s apart take 1.9 s from first to last (less only by how late
        // the first one went out); two per-process buckets would have sent all 20 at once.
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Equal(20, smtp.Received.Count);
        Assert.True(firstToLast >= TimeSpan.FromSeconds(1), $"20 messages at 10 a second arrived within {firstToLast.TotalSeconds:0.00} s");
    }
}
