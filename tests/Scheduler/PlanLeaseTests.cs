using System.Data.Common;
using Dapper;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Scheduler;

/// <summary>
/// Planning split across nodes (issue 8): a batch leased by another node is left to it, and taken over once that
/// node's lease has expired (it died).
/// </summary>
public abstract class PlanLeaseTests(PostgresServer? postgres) : IDisposable
{
    private const string Today = "2026-11-27";
    private const string Keywords = "segmentation, detection";
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), postgres);

    public void Dispose()
    {
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Another node's lease on b's (id 2) digest of today, valid until <paramref name="expiresAt"/>.</summary>
    private async Task LeaseElsewhereAsync(string expiresAt)
    {
        await using DbConnection connection = _workspace.Connect();
        await connection.ExecuteAsync(
            "INSERT INTO plan_leases (subscriber_id, period, owner, expires_at) VALUES (2, @Period, 'other-node/1/abc', @ExpiresAt)",
            new { Period = Today, ExpiresAt = expiresAt });
    }

    [Fact]
    public async Task SendDue_Leaves_A_Subscriber_To_The_Node_That_Leased_It_When_Its_Lease_Is_Live()
    {
        // Arrange: three due readers; another node is planning b.
        await _workspace.AddReadersAsync(Keywords, "a", "b", "c");
        await LeaseElsewhereAsync("2026-11-27T08:02:00.000Z");

        // Act
        CliResult result = await _workspace.RunAsync("send-due");

        // Assert: a and c planned, b not; this node's own leases are gone, the other node's stays.
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["a@example.com", "c@example.com"], await _workspace.QueryAsync<string>("SELECT s.email FROM digests d JOIN subscribers s ON s.id = d.subscriber_id ORDER BY s.email"));
        Assert.DoesNotContain("b@example.com", result.Out, StringComparison.Ordinal);
        Assert.Equal(["other-node/1/abc"], await _workspace.QueryAsync<string>("SELECT owner FROM plan_leases"));
    }

    [Fact]
    public async Task SendDue_Plans_A_Subscriber_Another_Node_Leased_When_That_Lease_Has_Expired()
    {
        // Arrange: the other node leased b and died; its lease ran out a second ago.
        await _workspace.AddReadersAsync(Keywords, "a", "b", "c");
        await LeaseElsewhereAsync("2026-11-27T07:59:59.000Z");

        // Act
        CliResult result = await _workspace.RunAsync("send-due");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["a@example.com", "b@example.com", "c@example.com"], await _workspace.QueryAsync<string>("SELECT s.email FROM digests d JOIN subscribers s ON s.id = d.subscriber_id ORDER BY s.email"));
        Assert.Equal(3, await _workspace.CountAsync("outbox"));
        Assert.Equal(0, await _workspace.CountAsync("plan_leases"));
    }

    [Fact]
    public async Task SendDue_Plans_A_Subscriber_Whose_Lease_Was_Live_At_The_First_Run_When_Run_After_It_Expires()
    {
        // Arrange
        await _workspace.AddReadersAsync(Keywords, "a", "b");
        await LeaseElsewhereAsync("2026-11-27T08:02:00.000Z");
        CliResult first = await _workspace.RunAsync("send-due");
        long afterFirst = await _workspace.CountAsync("digests");

        // Act: the owner never came back; three minutes later the next run takes b over.
        _workspace.Time.Advance(TimeSpan.FromMinutes(3));
        CliResult second = await _workspace.RunAsync("send-due");

        // Assert
        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first + "\n" + second);
        Assert.Equal(1, afterFirst);
        Assert.Contains("b@example.com", second.Out, StringComparison.Ordinal);
        Assert.Equal(2, await _workspace.CountAsync("digests WHERE period = '2026-11-27'"));
        Assert.Equal(2, Directory.Exists(_workspace.PickupDirectory) ? Directory.GetFiles(_workspace.PickupDirectory, "*.eml").Length : 0);
    }

    public sealed class OnSqlite() : PlanLeaseTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : PlanLeaseTests(postgres);
}
