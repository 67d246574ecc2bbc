using System.Globalization;
using System.Text;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Scheduler;

/// <summary>
/// The real <c>send-due</c> command run every 15 minutes of a fake clock across the 2026 daylight-saving
/// changes, for subscribers in Berlin, New York, Kiritimati (UTC+14) and Pago Pago (UTC−11).
/// </summary>
public abstract class TimeZoneDeliveryTests(PostgresServer? postgres) : IDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(15);

    // Delivery hours at the change (02:00 is skipped in spring and repeated in autumn), and ordinary ones.
    private static readonly (string Email, string Zone, int Hour)[] People =
    [
        ("berlin-02@example.com", "Europe/Berlin", 2),
        ("berlin-07@example.com", "Europe/Berlin", 7),
        ("newyork-01@example.com", "America/New_York", 1),
        ("newyork-02@example.com", "America/New_York", 2),
        ("newyork-23@example.com", "America/New_York", 23),
        ("kiritimati-00@example.com", "Pacific/Kiritimati", 0),
        ("kiritimati-09@example.com", "Pacific/Kiritimati", 9),
        ("pagopago-06@example.com", "Pacific/Pago_Pago", 6),
        ("pagopago-23@example.com", "Pacific/Pago_Pago", 23),
    ];

    private TestWorkspace? _workspace;

    public void Dispose()
    {
        _workspace?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData("2026-03-07T12:00:00Z", "New York springs forward on 8 March")]
    [InlineData("2026-03-28T12:00:00Z", "Berlin springs forward on 29 March")]
    [InlineData("2026-10-24T12:00:00Z", "Berlin falls back on 25 October")]
    [InlineData("2026-10-31T12:00:00Z", "New York falls back on 1 November")]
    public async Task SendDue_Sends_One_Digest_Per_Local_Day_At_The_Local_Hour_When_The_Clock_Crosses_A_Dst_Change(string start, string change)
    {
        // Arrange: papers that every subscriber's keywords match, two per digest, enough for every day.
        _workspace = new TestWorkspace(DateTimeOffset.Parse(start, CultureInfo.InvariantCulture), postgres);
        _workspace.Settings["Recommender:PapersPerDigest"] = "2";
        Assert.Equal(0, (await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus)).ExitCode);
        Assert.Equal(0, (await _workspace.RunAsync("papers", "ingest", _workspace.WriteFile("zebra.jsonl", GeneratedPapers(40)))).ExitCode);
        var csv = new StringBuilder("email,keywords,frequency,timezone,hour,consented\n");
        foreach ((string email, string zone, int hour) in People)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{email},zebrafish;quokka,daily,{zone},{hour},true\n");
        }

        Assert.Equal(0, (await _workspace.RunAsync("subscribers", "import", _workspace.WriteFile("people.csv", csv.ToString()))).ExitCode);

        // Act: 48 hours in 15-minute steps, the change in the middle.
        DateTimeOffset first = _workspace.Time.GetUtcNow();
        var due = new Dictionary<string, SortedSet<string>>();
        for (DateTimeOffset now = first; now < first.AddHours(48); now += Step)
        {
            _workspace.Time.SetUtcNow(now);
            CliResult run = await _workspace.RunAsync("send-due");
            Assert.True(run.ExitCode == 0, $"{change}, {now:u}: {run}");
            foreach ((string email, string zone, int hour) in People)
            {
                DateTime local = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime;
                if (local.Hour >= hour)
                {
                    (due.TryGetValue(email, out SortedSet<string>? days) ? days : due[email] = []).Add(local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }
            }
        }

        // Assert: per subscriber, exactly one digest for each local day whose hour came, each sent at the
        // first 15-minute step at or after that local hour, and every message written out.
        List<Sent> sent = await _workspace.QueryAsync<Sent>(
            """
            SELECT s.email AS Email, s.time_zone AS Zone, s.delivery_hour AS Hour, d.period AS Period, o.sent_at AS SentAt
            FROM digests d JOIN subscribers s ON s.id = d.subscriber_id JOIN outbox o ON o.digest_id = d.id AND o.state = 'sent'
            ORDER BY s.email, d.period
            """);
        Assert.Equal(await _workspace.CountAsync("digests"), sent.Count);
        Assert.Equal(sent.Count, Directory.GetFiles(_workspace.PickupDirectory, "*.eml").Length);
        foreach ((string email, string zone, int hour) in People)
        {
            List<Sent> mine = [.. sent.Where(s => s.Email == email)];
            Assert.True(due[email].Count >= 2, $"{change}: the window should give {email} at least two local days");
            Assert.Equal(due[email], mine.Select(s => s.Period));
            Assert.Equal(mine.Count, mine.Select(s => s.Period).Distinct().Count());
            var zoneInfo = TimeZoneInfo.FindSystemTimeZoneById(zone);
            foreach (Sent digest in mine)
            {
                DateTimeOffset at = DateTimeOffset.Parse(digest.SentAt, CultureInfo.InvariantCulture);
                DateTime local = TimeZoneInfo.ConvertTime(at, zoneInfo).DateTime;
                DateTime stepBefore = TimeZoneInfo.ConvertTime(at - Step, zoneInfo).DateTime;
                Assert.True(local.Hour >= hour, $"{change}: {email} got {digest.Period} at {local:yyyy-MM-dd HH:mm} local, before {hour}:00");
                Assert.Equal(digest.Period, local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                Assert.True(
                    at == first || stepBefore.Date < local.Date || stepBefore.Hour < hour,
                    $"{change}: {email} got {digest.Period} at {local:HH:mm} local, a step later than due");
            }
        }
    }

    private static string GeneratedPapers(int count)
    {
        var jsonl = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            jsonl.Append(CultureInfo.InvariantCulture, $$"""{"id":"zebra-{{i}}","title":"Zebrafish and quokka behaviour study {{i}}","abstract":"We observe zebrafish schooling and quokka foraging in experiment number {{i}}, and compare zebrafish with quokka over {{i + 3}} seasons."}""").Append('\n');
        }

        return jsonl.ToString();
    }

    private sealed record Sent(string Email, string Zone, long Hour, string Period, string SentAt);

    public sealed class OnSqlite() : TimeZoneDeliveryTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : TimeZoneDeliveryTests(postgres);
}
