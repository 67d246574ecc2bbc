using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Scheduler;

public abstract class OutboxStateLogTests(PostgresServer? postgres) : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), postgres);

    public void Dispose()
    {
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task SendDue_Logs_Every_State_Change_With_Its_Fields_When_A_Digest_Is_Sent_And_Another_Cancelled()
    {
        // Arrange: two digests queued while the SMTP server is down; one recipient then leaves; the pickup folder takes the rest.
        var events = new ConcurrentQueue<IReadOnlyDictionary<string, object?>>();
        _workspace.ConfigureServices = services => services.AddLogging(logging => logging.AddProvider(new RecordingProvider(events)));
        _workspace.UseSmtp(9);
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        await _workspace.RunAsync("subscribers", "add", "stays@example.com", "--keywords", "segmentation", "--timezone", "UTC");
        await _workspace.RunAsync("subscribers", "add", "leaves@example.com", "--keywords", "segmentation", "--timezone", "UTC");
        await _workspace.RunAsync("send-due");
        await _workspace.QueryAsync<int>("UPDATE subscribers SET status = 'unsubscribed' WHERE email = 'leaves@example.com'");
        _workspace.Settings["Mail:Transport"] = "pickup";
        _workspace.Time.Advance(TimeSpan.FromMinutes(5));
        events.Clear();

        // Act
        CliResult result = await _workspace.RunAsync("send-due");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        string[] changes = [.. events.Select(e => $"{e["Recipient"]} {e["FromState"]}->{e["ToState"]}").Order(StringComparer.Ordinal)];
        Assert.Equal(
            ["leaves@example.com pending->sending", "leaves@example.com sending->cancelled", "stays@example.com pending->sending", "stays@example.com sending->sent"],
            changes);
        List<(long Id, string MessageId)> rows = await _workspace.QueryAsync<(long, string)>("SELECT id, message_id FROM outbox WHERE recipient = 'stays@example.com'");
        IReadOnlyDictionary<string, object?> sent = events.Single(e => (string?)e["ToState"] == "sent");
        Assert.Equal(rows[0].Id, sent["OutboxId"]);
        Assert.Equal(rows[0].MessageId, sent["MessageId"]);
        Assert.EndsWith(".eml", (string?)sent["Reason"], StringComparison.Ordinal);
        Assert.Equal("recipient is no longer an active subscriber", events.Single(e => (string?)e["ToState"] == "cancelled")["Reason"]);
    }

    private sealed class RecordingProvider(ConcurrentQueue<IReadOnlyDictionary<string, object?>> events) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Recorder(events);

        public void Dispose()
        {
        }
    }

    private sealed class Recorder(ConcurrentQueue<IReadOnlyDictionary<string, object?>> events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 5100 && state is IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                events.Enqueue(fields.ToDictionary(f => f.Key, f => f.Value));
            }
        }
    }

    public sealed class OnSqlite() : OutboxStateLogTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : OutboxStateLogTests(postgres);
}
