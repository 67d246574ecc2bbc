using System.Text;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Scheduler;

/// <summary>
/// Faults injected by the real SMTP server on loopback (451, 550, a cut connection) while <c>send-due</c>
/// runs again and again on a fake clock: in the end every digest arrived once, or is accounted for.
/// </summary>
public abstract class DeliveryFaultTests(PostgresServer? postgres) : IAsyncLifetime
{
    private const int Subscribers = 200;
    private const string Rejected = "rejected@example.com";
    private const string Cut = "cut@example.com";

    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), postgres);
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
    public async Task SendDue_Delivers_Every_Digest_Exactly_Once_When_Ten_Percent_Of_Messages_Meet_Transient_Failures()
    {
        // Arrange: 200 due subscribers (UTC, 07:00; it is 08:00), every 10th DATA answered 451, one address
        // refused at RCPT (550) and one whose connection is cut after its DATA.
        var csv = new StringBuilder("email,keywords,frequency,timezone,hour,consented\n");
        string[] ordinary = [.. Enumerable.Range(0, Subscribers - 2).Select(i => $"reader{i:000}@example.com")];
        foreach (string email in ordinary.Append(Rejected).Append(Cut))
        {
            csv.Append(email).Append(",neural networks;segmentation;reinforcement learning;language models,daily,UTC,7,true\n");
        }

        Assert.Equal(0, (await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus)).ExitCode);
        Assert.Equal(0, (await _workspace.RunAsync("subscribers", "import", _workspace.WriteFile("subscribers.csv", csv.ToString()))).ExitCode);
        _smtp.RejectedRecipients[Rejected] = true;
        Func<int, TestSmtpServer.ReceivedMessage, SmtpFault> everyTenth = TestSmtpServer.EveryNth(10, SmtpFault.Transient);
        _smtp.DataFaults = (n, m) => m.To.Contains(Cut) ? SmtpFault.Disconnect : everyTenth(n, m);

        // Act: run, then step the clock past the longest backoff the retries can have drawn, until nothing is pending.
        var runs = new List<CliResult>();
        for (int round = 0; round < 8 && (round == 0 || await _workspace.CountAsync("outbox WHERE state = 'pending'") > 0); round++)
        {
            runs.Add(await _workspace.RunAsync("send-due"));
            _workspace.Time.Advance(TimeSpan.FromMinutes(75));
        }

        CliResult extra = await _workspace.RunAsync("send-due");
        CliResult uncertain = await _workspace.RunAsync("outbox", "list");

        // Assert: the server got each ordinary subscriber's digest exactly once.
        Assert.InRange(runs.Count, 2, 8);
        Assert.True(_smtp.Refused.Count >= Subscribers / 10, $"only {_smtp.Refused.Count} 451s were answered");
        Assert.All(_smtp.Refused, r => Assert.Equal(SmtpFault.Transient, r.Fault));
        Assert.Equal(ordinary, _smtp.Received.Select(r => Assert.Single(r.To)).Order(StringComparer.Ordinal));

        // The database agrees: one digest each, sent once; every 451 cost one more attempt and nothing else.
        Assert.Equal(ordinary, await _workspace.QueryAsync<string>("SELECT recipient FROM outbox WHERE state = 'sent' ORDER BY recipient"));
        Assert.Equal(Subscribers, await _workspace.CountAsync("digests"));
        Assert.Equal(0, await _workspace.CountAsync("(SELECT subscriber_id FROM digests GROUP BY subscriber_id HAVING COUNT(*) > 1) AS twice"));
        Assert.Equal([(long)_smtp.Refused.Count], await _workspace.QueryAsync<long>("SELECT SUM(attempts - 1) FROM outbox WHERE state = 'sent'"));

        // 550 at RCPT: failed at the first attempt, never retried, the address suppressed.
        Assert.Equal(["failed 1"], await _workspace.QueryAsync<string>($"SELECT state || ' ' || attempts FROM outbox WHERE recipient = '{Rejected}'"));
        Assert.Contains(Rejected, (await _workspace.RunAsync("suppression", "list")).Out, StringComparison.Ordinal);

        // Cut after DATA: uncertain, sent once and never again, and listed for the operator.
        Assert.Equal([Cut], _smtp.Dropped.Select(r => Assert.Single(r.To)));
        Assert.Equal(["uncertain 1"], await _workspace.QueryAsync<string>($"SELECT state || ' ' || attempts FROM outbox WHERE recipient = '{Cut}'"));
        Assert.True(uncertain.ExitCode == 0, uncertain.ToString());
        Assert.Contains(Cut, uncertain.Out, StringComparison.Ordinal);
        Assert.Contains("1 message(s)", uncertain.Out, StringComparison.Ordinal);
        Assert.Contains("nothing is due", extra.Out, StringComparison.Ordinal);
    }

    public sealed class OnSqlite() : DeliveryFaultTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : DeliveryFaultTests(postgres);
}
