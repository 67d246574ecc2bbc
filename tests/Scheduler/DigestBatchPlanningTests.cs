using System.Data.Common;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Papers;
using Paperboy.Recommender;
using Paperboy.Scheduler;
using Paperboy.Storage;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Scheduler;

/// <summary>The planner writes digests in batches (Scheduler:PlanBatchSize): the UNIQUE key still decides per digest, an error undoes the batch.</summary>
public abstract class DigestBatchPlanningTests(PostgresServer? postgres) : IDisposable
{
    private const string Today = "2026-11-27";
    private const string Keywords = "segmentation, detection, language model, reinforcement, transformer";
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), postgres);

    public void Dispose()
    {
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using DbConnection connection = _workspace.Connect();
        await connection.ExecuteAsync(sql);
    }

    /// <summary>Makes inserts into <paramref name="table"/> fail with <paramref name="message"/> where <paramref name="when"/> holds, on either engine.</summary>
    private Task FailInsertsAsync(string table, string when, string message) => ExecuteAsync(_workspace.Provider == DatabaseProvider.Postgres
        ? $"""
          CREATE FUNCTION fail_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{message}'; END $$;
          CREATE TRIGGER fail_insert BEFORE INSERT ON {table} FOR EACH ROW WHEN ({when}) EXECUTE FUNCTION fail_insert();
          """
        : $"CREATE TRIGGER fail_insert BEFORE INSERT ON {table} WHEN {when} BEGIN SELECT RAISE(ABORT, '{message}'); END");

    private Task StopFailingInsertsAsync(string table) =>
        ExecuteAsync(_workspace.Provider == DatabaseProvider.Postgres ? $"DROP TRIGGER fail_insert ON {table}" : "DROP TRIGGER fail_insert");

    private Task<List<(string Email, long Digests, long Messages, long Items)>> PerReaderAsync() =>
        _workspace.QueryAsync<(string, long, long, long)>(
            $"""
            SELECT s.email,
                   (SELECT COUNT(*) FROM digests d WHERE d.subscriber_id = s.id AND d.period = '{Today}'),
                   (SELECT COUNT(*) FROM outbox o JOIN digests d ON d.id = o.digest_id WHERE d.subscriber_id = s.id),
                   (SELECT COUNT(*) FROM digest_items i WHERE i.subscriber_id = s.id)
            FROM subscribers s ORDER BY s.id
            """);

    [Fact]
    public async Task SendDue_Plans_The_Rest_Of_The_Batch_And_Adds_Nothing_When_One_Subscriber_Already_Has_Todays_Digest()
    {
        // Arrange: batches of 3; b (id 2) already got today's digest from another run (a bare row: no items, no message).
        _workspace.Settings["Scheduler:PlanBatchSize"] = "3";
        await _workspace.AddReadersAsync(Keywords, "a", "b", "c", "d", "e");
        await ExecuteAsync($"INSERT INTO digests (subscriber_id, period, created_at) VALUES (2, '{Today}', '2026-11-27T07:30:00.000Z')");

        // Act
        CliResult result = await _workspace.RunAsync("send-due");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        List<(string Email, long Digests, long Messages, long Items)> readers = await PerReaderAsync();
        Assert.All(readers, r => Assert.Equal(1, r.Digests));
        Assert.Equal((0L, 0L), (readers[1].Messages, readers[1].Items));
        Assert.All(readers.Where(r => r.Email != "b@example.com"), r => Assert.True(r.Messages == 1 && r.Items > 0, r.ToString()));
        Assert.Equal(4, Directory.GetFiles(_workspace.PickupDirectory, "*.eml").Length);
    }

    [Fact]
    public async Task SendDue_Composes_Nothing_For_A_Digest_Another_Node_Stored_Between_The_Read_And_The_Lease()
    {
        // Arrange: when this run leases b (id 2), b's digest appears, as when another node stored it after this run
        // read which digests exist and then ended its lease, which is what let this run's claim through.
        await _workspace.AddReadersAsync(Keywords, "a", "b", "c");
        const string Store = "INSERT INTO digests (subscriber_id, period, created_at) VALUES (NEW.subscriber_id, NEW.period, '2026-11-27T07:59:00.000Z')";
        await ExecuteAsync(_workspace.Provider == DatabaseProvider.Postgres
            ? $"""
              CREATE FUNCTION other_node() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {Store}; RETURN NEW; END $$;
              CREATE TRIGGER other_node AFTER INSERT ON plan_leases FOR EACH ROW WHEN (NEW.subscriber_id = 2) EXECUTE FUNCTION other_node();
              """
            : $"CREATE TRIGGER other_node AFTER INSERT ON plan_leases WHEN NEW.subscriber_id = 2 BEGIN {Store}; END");

        // Act
        CliResult result = await _workspace.RunAsync("send-due");

        // Assert: b was not ranked and rendered for nothing (the save would only have found the other digest).
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("already planned by another run", result.Out + result.Error, StringComparison.Ordinal);
        List<(string Email, long Digests, long Messages, long Items)> readers = await PerReaderAsync();
        Assert.All(readers, r => Assert.Equal(1, r.Digests));
        Assert.Equal((0L, 0L), (readers[1].Messages, readers[1].Items));
        Assert.Equal(2, Directory.GetFiles(_workspace.PickupDirectory, "*.eml").Length);
    }

    [Fact]
    public async Task SaveBatchAsync_Skips_Only_The_Digest_Another_Run_Wrote_Meanwhile()
    {
        // Arrange: three digests composed for one batch; before the batch is written, another run stores b's.
        await _workspace.AddReadersAsync(Keywords, "a", "b", "c");
        await using WebApplication app = Program.Build(["send-due"], _workspace.Settings);
        DigestStore store = app.Services.GetRequiredService<DigestStore>();
        IReadOnlyList<Paper> papers = await app.Services.GetRequiredService<PaperStore>().ListAsync(CancellationToken.None);
        NewDigest Digest(long subscriberId, string name, int firstPaper) => new(
            subscriberId,
            Today,
            [new Recommendation(papers[firstPaper], 1.0, []), new Recommendation(papers[firstPaper + 1], 0.9, [])],
            new OutgoingMessage($"{name}.{firstPaper}@test", $"{name}@example.com", "digest", [1, 2, 3]));
        Assert.NotNull(await store.SaveAsync(Digest(2, "b", 10), CancellationToken.None));

        // Act
        IReadOnlyList<long?> outboxIds = await store.SaveBatchAsync([Digest(1, "a", 0), Digest(2, "b", 20), Digest(3, "c", 0)], CancellationToken.None);

        // Assert: a and c stored; b keeps the other run's digest, its send log and its one message.
        Assert.NotNull(outboxIds[0]);
        Assert.Null(outboxIds[1]);
        Assert.NotNull(outboxIds[2]);
        Assert.Equal([1L, 1L, 1L], await _workspace.QueryAsync<long>("SELECT COUNT(*) FROM digests GROUP BY subscriber_id ORDER BY subscriber_id"));
        Assert.Equal(["a.0@test", "b.10@test", "c.0@test"], await _workspace.QueryAsync<string>("SELECT message_id FROM outbox ORDER BY recipient"));
        Assert.Equal([papers[10].Id, papers[11].Id], await _workspace.QueryAsync<long>("SELECT paper_id FROM digest_items WHERE subscriber_id = 2 ORDER BY rank"));
    }

    [Fact]
    public async Task SendDue_Rolls_Back_The_Whole_Batch_When_A_Write_Fails_And_Plans_It_In_The_Next_Run()
    {
        // Arrange: batches of 2 (a+b, c+d, e+f); storing c's message fails inside the second batch's transaction,
        // while the third batch may already be composed (planning composes one batch while it writes the one before).
        _workspace.Settings["Scheduler:PlanBatchSize"] = "2";
        await _workspace.AddReadersAsync(Keywords, "a", "b", "c", "d", "e", "f");
        await FailInsertsAsync("outbox", "NEW.recipient = 'c@example.com'", "simulated disk error");

        // Act
        CliResult failed = await _workspace.RunAsync("send-due");
        List<(string Email, long Digests, long Messages, long Items)> afterFailure = await PerReaderAsync();
        await StopFailingInsertsAsync("outbox");
        CliResult retried = await _workspace.RunAsync("send-due");

        // Assert: the first batch was stored and sent; nothing of the second (not even d, which was fine) nor of the
        // third (the failure stopped planning) until the next run.
        Assert.True(failed.ExitCode != 0, failed.ToString());
        Assert.Contains("simulated disk error", failed.ToString(), StringComparison.Ordinal);
        Assert.Equal([1L, 1L, 0L, 0L, 0L, 0L], afterFailure.Select(r => r.Digests));
        Assert.Equal([0L, 0L, 0L, 0L], afterFailure.Skip(2).Select(r => r.Items + r.Messages));
        Assert.True(retried.ExitCode == 0, retried.ToString());
        List<(string Email, long Digests, long Messages, long Items)> readers = await PerReaderAsync();
        Assert.All(readers, r => Assert.True(r.Digests == 1 && r.Messages == 1 && r.Items > 0, r.ToString()));
        Assert.Equal(6, Directory.GetFiles(_workspace.PickupDirectory, "*.eml").Length);
        Assert.Equal(0, await _workspace.CountAsync("outbox WHERE state <> 'sent'"));
    }

    [Fact]
    public async Task SendDue_Stores_The_Batches_Read_Before_A_Failed_Read_And_Leaves_No_Lease_When_Reading_A_Later_Batch_Fails()
    {
        // Arrange: batches of 2 (a+b, c+d, e+f); leasing the third batch fails. Planning reads the next batch while
        // it composes one and writes the one before, so the failure comes while the first two are still on their way.
        _workspace.Settings["Scheduler:PlanBatchSize"] = "2";
        await _workspace.AddReadersAsync(Keywords, "a", "b", "c", "d", "e", "f");
        await FailInsertsAsync("plan_leases", "NEW.subscriber_id = 5", "simulated read error");

        // Act
        CliResult failed = await _workspace.RunAsync("send-due");
        List<(string Email, long Digests, long Messages, long Items)> afterFailure = await PerReaderAsync();
        long leasesAfterFailure = await _workspace.CountAsync("plan_leases");
        await StopFailingInsertsAsync("plan_leases");
        CliResult retried = await _workspace.RunAsync("send-due");

        // Assert: a-d were stored and sent as if planned one batch after the other; e and f wait for the next run.
        Assert.True(failed.ExitCode != 0, failed.ToString());
        Assert.Contains("simulated read error", failed.ToString(), StringComparison.Ordinal);
        Assert.Equal([1L, 1L, 1L, 1L, 0L, 0L], afterFailure.Select(r => r.Digests));
        Assert.All(afterFailure.Take(4), r => Assert.True(r.Messages == 1 && r.Items > 0, r.ToString()));
        Assert.Equal(0, leasesAfterFailure);
        Assert.True(retried.ExitCode == 0, retried.ToString());
        List<(string Email, long Digests, long Messages, long Items)> readers = await PerReaderAsync();
        Assert.All(readers, r => Assert.True(r.Digests == 1 && r.Messages == 1 && r.Items > 0, r.ToString()));
        Assert.Equal(6, Directory.GetFiles(_workspace.PickupDirectory, "*.eml").Length);
    }

    [Fact]
    public async Task PlanDueAsync_Keeps_Only_The_Committed_Batch_And_Leaves_No_Lease_When_Cancelled_After_The_First_Commit()
    {
        // Arrange: batches of 2 (a+b, c+d, e+f); the run is stopped (a service shutting down) as soon as the first
        // batch is committed, while the next ones are being read and composed.
        _workspace.Settings["Scheduler:PlanBatchSize"] = "2";
        await _workspace.AddReadersAsync(Keywords, "a", "b", "c", "d", "e", "f");
        await using (WebApplication app = Program.Build(["send-due"], _workspace.Settings, services => services.AddSingleton<TimeProvider>(_workspace.Time)))
        {
            DigestPlanner planner = app.Services.GetRequiredService<DigestPlanner>();
            using var stop = new CancellationTokenSource();

            // Act
            Exception? error = await Record.ExceptionAsync(() => planner.PlanDueAsync(stop.Cancel, stop.Token));

            // Assert: a and b stored, nothing of the batches after them, no lease left behind.
            Assert.IsAssignableFrom<OperationCanceledException>(error);
        }

        List<(string Email, long Digests, long Messages, long Items)> afterStop = await PerReaderAsync();
        Assert.Equal([1L, 1L, 0L, 0L, 0L, 0L], afterStop.Select(r => r.Digests));
        Assert.Equal(0, await _workspace.CountAsync("plan_leases"));
        CliResult next = await _workspace.RunAsync("send-due");
        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.All(await PerReaderAsync(), r => Assert.True(r.Digests == 1 && r.Messages == 1 && r.Items > 0, r.ToString()));
    }

    public sealed class OnSqlite() : DigestBatchPlanningTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : DigestBatchPlanningTests(postgres);
}
