using System.Diagnostics;
using System.Globalization;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.EndToEnd;

/// <summary>
/// The service process killed with SIGKILL at random moments while it plans and sends 2,000 digests, and
/// started again: nobody gets a digest twice, and nothing is lost without being listed.
/// </summary>
public sealed class CrashTests : IAsyncLifetime
{
    private const int Subscribers = 2000;
    private const int Kills = 10;

    private readonly TestWorkspace _workspace = new(DateTimeOffset.UtcNow);
    private TestSmtpServer _smtp = null!;

    public async ValueTask InitializeAsync()
    {
        _smtp = await TestSmtpServer.StartAsync();
        _workspace.UseSmtp(_smtp);
        // A claim older than this is from a killed process; the default (ten minutes) is too long to wait for here.
        _workspace.Settings["Mail:AbandonedAfter"] = "00:00:01";
        // Likewise a killed run's lease on the batch it was planning (default two minutes) must have run out.
        _workspace.Settings["Scheduler:PlanLease"] = "00:00:01";
    }

    public async ValueTask DisposeAsync()
    {
        await _smtp.DisposeAsync();
        _workspace.Dispose();
    }

    [Fact]
    public async Task SendDue_Sends_Each_Digest_At_Most_Once_And_Loses_None_Silently_When_Killed_Repeatedly()
    {
        // Arrange: 2,000 subscribers due now (UTC, hour 0) for the sample corpus.
        CliResult ingest = await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        await AddSubscribersAsync();
        var random = new Random(20261127);

        // Act: ten runs killed at random moments, then one allowed to finish.
        var killedAfter = new List<int>();
        for (int i = 0; i < Kills; i++)
        {
            using AppProcess run = AppProcess.Start(_workspace.Settings, "send-due");
            Process child = run.Process;
            // Half the kills at a random time (mostly while planning), half after a random number of further
            // messages reached the server (so while sending, often mid-transaction).
            bool finished = i % 2 == 0
                ? child.WaitForExit(random.Next(300, 4000))
                : await WaitForDeliveriesAsync(child, _smtp.Received.Count + random.Next(1, 120));
            if (!finished)
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync(TestContext.Current.CancellationToken);
                killedAfter.Add(_smtp.Received.Count);
            }

            // Claims of the killed process must be older than Mail:AbandonedAfter before the next run.
            await Task.Delay(1100, TestContext.Current.CancellationToken);
        }

        using (AppProcess last = AppProcess.Start(_workspace.Settings, "send-due"))
        {
            await last.Process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        // Assert
        Assert.NotEmpty(killedAfter);
        Dictionary<string, int> received = _smtp.Received.SelectMany(r => r.To).GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(received, r => Assert.True(r.Value == 1, $"{r.Key} received {r.Value} digests"));
        Assert.Equal(Subscribers, await _workspace.CountAsync("digests"));
        Assert.Equal(0, await _workspace.CountAsync("(SELECT subscriber_id FROM digests GROUP BY subscriber_id HAVING COUNT(*) > 1)"));
        Assert.Equal(0, await _workspace.CountAsync("outbox WHERE state NOT IN ('sent', 'uncertain')"));

        HashSet<string> arrived = [.. _smtp.Received.Select(r => r.Message.MessageId ?? "")];
        List<string> sent = await _workspace.QueryAsync<string>("SELECT message_id FROM outbox WHERE state = 'sent'");
        Assert.All(sent, id => Assert.Contains(id, arrived));

        // Whoever got nothing is listed as uncertain for the operator, never silently dropped.
        List<string> uncertain = await _workspace.QueryAsync<string>("SELECT recipient FROM outbox WHERE state = 'uncertain'");
        List<string> missing = [.. (await _workspace.QueryAsync<string>("SELECT email FROM subscribers")).Where(e => !received.ContainsKey(e))];
        Assert.All(missing, m => Assert.Contains(m, uncertain));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"killed {killedAfter.Count} runs (with {string.Join(", ", killedAfter)} messages received); {received.Count} digests arrived, {sent.Count} sent, {uncertain.Count} uncertain, {missing.Count} with nothing");
        CliResult listed = await _workspace.RunAsync("outbox", "list", "--state", "uncertain");
        Assert.Contains($"{uncertain.Count} message(s)", listed.Out, StringComparison.Ordinal);
    }

    private async Task AddSubscribersAsync()
    {
        string[] interests = ["semantic segmentation", "reinforcement learning", "language model", "object detection", "diffusion", "graph"];
        IEnumerable<string> rows = Enumerable.Range(0, Subscribers).Select(i => string.Create(
            CultureInfo.InvariantCulture, $"crash{i:0000}@example.com,{interests[i % interests.Length]};{interests[(i / 6) % interests.Length]},daily,UTC,0,true"));
        string csv = _workspace.WriteFile("subscribers.csv", string.Join('\n', ["email,keywords,frequency,timezone,hour,consented", .. rows]));
        CliResult import = await _workspace.RunAsync("subscribers", "import", csv);
        Assert.True(import.ExitCode == 0, import.ToString());
    }

    /// <summary>True when the child exits first; false once the server has received <paramref name="target"/> messages.</summary>
    private async Task<bool> WaitForDeliveriesAsync(Process child, int target)
    {
        DateTime deadline = DateTime.UtcNow.AddMinutes(2);
        while (!child.HasExited && _smtp.Received.Count < target && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        return child.HasExited;
    }
}
