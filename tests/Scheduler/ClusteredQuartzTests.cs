using Paperboy.Tests.Support;
using Quartz;
using Xunit;
using static Paperboy.Tests.Scheduler.ClusterNode;

namespace Paperboy.Tests.Scheduler;

/// <summary>
/// Quartz clustered on PostgreSQL, as the application configures it (Database:Provider = postgres). The nodes are
/// three whole applications in this process, each with its own container, pool and scheduler instance id.
/// </summary>
public sealed class ClusteredQuartzTests(PostgresServer postgres) : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), postgres);

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Clustered_Job_Fires_Once_Per_Trigger_When_Three_Nodes_Share_The_Database()
    {
        // Arrange
        string database = _workspace.PostgresConnectionString!;
        await FiringLog.CreateAsync(database);
        await using ClusterNode a = await ClusterNode.StartAsync(database);
        await using ClusterNode b = await ClusterNode.StartAsync(database);
        await using ClusterNode c = await ClusterNode.StartAsync(database);

        // Act: 50 firings, 250 ms apart, scheduled through one node; any node may run each.
        await a.Scheduler.ScheduleJob(Every(TimeSpan.FromMilliseconds(250), firings: 50), default, TestContext.Current.CancellationToken);
        List<Firing> firings = await WaitForFiringsAsync(50, TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken); // room for a duplicate to show up
        firings = await _workspace.QueryAsync<Firing>("SELECT scheduled_at AS ScheduledAt, node AS Node FROM test_firings");

        // Assert
        Assert.Equal(3, new[] { a.InstanceId, b.InstanceId, c.InstanceId }.Distinct().Count());
        Assert.Equal(3, await _workspace.CountAsync("qrtz_scheduler_state"));
        Assert.Equal(50, firings.Count);
        Assert.Equal(50, firings.Select(f => f.ScheduledAt).Distinct().Count());
        Assert.All(firings, f => Assert.Contains(f.Node, new[] { a.InstanceId, b.InstanceId, c.InstanceId }));
        TestContext.Current.TestOutputHelper?.WriteLine(
            "firings per node: " + string.Join(", ", firings.GroupBy(f => f.Node).Select(g => $"{g.Key}={g.Count()}")));
    }

    [Fact]
    public async Task Clustered_Job_Keeps_Firing_Once_Per_Trigger_On_The_Other_Nodes_When_A_Node_Stops()
    {
        // Arrange
        string database = _workspace.PostgresConnectionString!;
        await FiringLog.CreateAsync(database);
        await using ClusterNode a = await ClusterNode.StartAsync(database);
        await using ClusterNode b = await ClusterNode.StartAsync(database);
        await using ClusterNode c = await ClusterNode.StartAsync(database);
        await a.Scheduler.ScheduleJob(Every(TimeSpan.FromMilliseconds(250), firings: 40), default, TestContext.Current.CancellationToken);
        List<Firing> before = await WaitForFiringsAsync(10, TimeSpan.FromSeconds(60));

        // Act: stop the node that ran the latest firing, so it is one that was doing the work.
        ClusterNode busiest = new[] { a, b, c }.Single(n => n.InstanceId == before.MaxBy(f => f.ScheduledAt)!.Node);
        await busiest.StopAsync();
        DateTime stoppedAt = DateTime.UtcNow;
        List<Firing> firings = await WaitForFiringsAsync(40, TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        firings = await _workspace.QueryAsync<Firing>("SELECT scheduled_at AS ScheduledAt, node AS Node FROM test_firings");

        // Assert
        Assert.Equal(40, firings.Count);
        Assert.Equal(40, firings.Select(f => f.ScheduledAt).Distinct().Count());
        List<Firing> after = [.. firings.Where(f => DateTime.Parse(f.ScheduledAt, null, System.Globalization.DateTimeStyles.RoundtripKind) > stoppedAt.AddSeconds(1))];
        Assert.NotEmpty(after);
        Assert.DoesNotContain(after, f => f.Node == busiest.InstanceId);
    }

    private static ITrigger Every(TimeSpan interval, int firings) => TriggerBuilder.Create()
        .ForJob(RecordFiringJob.Key)
        .WithIdentity("every-quarter-second", "tests")
        .StartAt(DateTimeOffset.UtcNow.AddSeconds(1))
        .WithSimpleSchedule(s => s.WithInterval(interval).WithRepeatCount(firings - 1))
        .Build();

    private async Task<List<Firing>> WaitForFiringsAsync(int count, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            List<Firing> firings = await _workspace.QueryAsync<Firing>("SELECT scheduled_at AS ScheduledAt, node AS Node FROM test_firings");
            if (firings.Count >= count)
            {
                return firings;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{firings.Count} of {count} firings after {timeout}");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private sealed record Firing(string ScheduledAt, string Node);
}
