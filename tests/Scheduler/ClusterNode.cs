using System.Data.Common;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace Paperboy.Tests.Scheduler;

/// <summary>
/// One node of a Paperboy cluster in this test process: the whole application on the real clock, with its own
/// container, connection pool and Quartz scheduler (Quartz keeps schedulers per container, not per process), plus
/// <see cref="RecordFiringJob"/>, which writes each firing it runs to <c>test_firings</c>.
/// </summary>
internal sealed class ClusterNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private ClusterNode(WebApplication app) => _app = app;

    public string InstanceId { get; private set; } = "";

    public IScheduler Scheduler { get; private set; } = null!;

    public static async Task<ClusterNode> StartAsync(string connectionString)
    {
        Dictionary<string, string?> settings = new()
        {
            ["Database:Provider"] = "postgres",
            ["Database:ConnectionString"] = connectionString,
            ["Feeds:Enabled"] = "false",
            ["Urls"] = "http://127.0.0.1:0",
            ["Mail:PickupDirectory"] = Path.Combine(Path.GetTempPath(), "paperboy-cluster-unused"),
        };
        WebApplication app = Program.Build([], settings, services =>
        {
            services.AddSingleton(new FiringLog(connectionString));
            services.AddQuartz(quartz => quartz.AddJob<RecordFiringJob>(job => job.WithIdentity(RecordFiringJob.Key).StoreDurably()));
        });
        await app.StartAsync();
        IScheduler scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        return new ClusterNode(app) { Scheduler = scheduler, InstanceId = scheduler.SchedulerInstanceId };
    }

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Where the nodes' test job writes down which node ran which scheduled firing.</summary>
    internal sealed class FiringLog(string connectionString)
    {
        public static async Task CreateAsync(string connectionString)
        {
            await using DbConnection connection = new NpgsqlConnection(connectionString);
            await connection.ExecuteAsync("CREATE TABLE test_firings (scheduled_at TEXT NOT NULL, node TEXT NOT NULL, fired_at TEXT NOT NULL)");
        }

        public async Task RecordAsync(DateTimeOffset scheduledAt, string node, CancellationToken cancellationToken)
        {
            await using DbConnection connection = new NpgsqlConnection(connectionString);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO test_firings (scheduled_at, node, fired_at) VALUES (@ScheduledAt, @Node, @FiredAt)",
                new { ScheduledAt = scheduledAt.UtcDateTime.ToString("O"), Node = node, FiredAt = DateTime.UtcNow.ToString("O") },
                cancellationToken: cancellationToken));
        }
    }

    /// <summary>Records the firing it runs; nothing else.</summary>
    internal sealed class RecordFiringJob(FiringLog log) : IJob
    {
        public static readonly JobKey Key = new("record-firing", "tests");

        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
            await log.RecordAsync(context.ScheduledFireTimeUtc ?? context.FireTimeUtc, context.Scheduler.SchedulerInstanceId, cancellationToken);
    }
}
