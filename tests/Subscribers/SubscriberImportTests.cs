using System.Text;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Subscribers;

/// <summary><c>subscribers import FILE.csv</c> through the real command line.</summary>
public abstract class SubscriberImportTests(PostgresServer? postgres) : IDisposable
{
    private const string Header = "email,keywords,frequency,timezone,hour,consented";

    // 08:00 UTC: past a 07:00 delivery hour in UTC.
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), postgres);

    public void Dispose()
    {
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Import_Stores_Every_Row_When_The_File_Is_Valid()
    {
        // Arrange
        string file = _workspace.WriteFile("people.csv", $"""
            {Header}
            ada@example.com,graph neural networks;protein folding,daily,Europe/Berlin,6,true
            bob@example.com,segmentation,weekly,America/New_York,9,true
            cy@example.com,transformers,,,,true
            """);

        // Act
        CliResult result = await _workspace.RunAsync("subscribers", "import", file);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("imported 3 subscriber(s): 3 active, 0 pending; skipped 0 row(s)", result.Out, StringComparison.Ordinal);
        Assert.Equal(
            ["ada@example.com active daily Europe/Berlin 6", "bob@example.com active weekly America/New_York 9", "cy@example.com active daily UTC 7"],
            await _workspace.QueryAsync<string>("SELECT email || ' ' || status || ' ' || frequency || ' ' || time_zone || ' ' || delivery_hour FROM subscribers ORDER BY email"));
        Assert.Equal(
            ["graph neural networks", "protein folding"],
            await _workspace.QueryAsync<string>($"SELECT keyword FROM subscriber_keywords k JOIN subscribers s ON s.id = k.subscriber_id WHERE s.email = 'ada@example.com' ORDER BY k.{_workspace.KeywordOrder}"));
        Assert.Equal(3, await _workspace.CountAsync("subscribers WHERE confirmed_at IS NOT NULL"));
    }

    [Fact]
    public async Task Import_Reports_Bad_Rows_With_Their_Line_And_Keeps_The_Good_Ones_When_Rows_Are_Mixed()
    {
        // Arrange
        string file = _workspace.WriteFile("mixed.csv", $"""
            {Header}
            good1@example.com,segmentation,daily,UTC,7,true
            not-an-address,segmentation,daily,UTC,7,true
            good2@example.com,segmentation,daily,UTC,7,false
            bad-zone@example.com,segmentation,daily,Mars/Olympus,7,true
            bad-hour@example.com,segmentation,daily,UTC,25,true
            no-keywords@example.com,,daily,UTC,7,true
            bad-consent@example.com,segmentation,daily,UTC,7,maybe
            short@example.com,segmentation
            """);

        // Act
        CliResult result = await _workspace.RunAsync("subscribers", "import", file);

        // Assert
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("mixed.csv:3: skipped: 'not-an-address' is not an email address", result.Error, StringComparison.Ordinal);
        Assert.Contains("mixed.csv:5: skipped: 'Mars/Olympus' is not a known time zone", result.Error, StringComparison.Ordinal);
        Assert.Contains("mixed.csv:6: skipped: hour 25 is not between 0 and 23", result.Error, StringComparison.Ordinal);
        Assert.Contains("mixed.csv:7: skipped: at least one keyword is needed", result.Error, StringComparison.Ordinal);
        Assert.Contains("mixed.csv:8: skipped: consented 'maybe' is not true or false", result.Error, StringComparison.Ordinal);
        Assert.Contains("mixed.csv:9: skipped: 2 fields, the header has 6", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(":2:", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(":4:", result.Error, StringComparison.Ordinal);
        Assert.Contains("imported 2 subscriber(s): 1 active, 1 pending; skipped 6 row(s): 6 invalid, 0 already subscribed", result.Out, StringComparison.Ordinal);
        Assert.Equal(["good1@example.com", "good2@example.com"], await _workspace.QueryAsync<string>("SELECT email FROM subscribers ORDER BY email"));
    }

    [Fact]
    public async Task Import_Makes_The_Subscriber_Pending_And_SendDue_Sends_Them_Nothing_When_Not_Consented()
    {
        // Arrange
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        string file = _workspace.WriteFile("consent.csv", $"""
            {Header}
            yes@example.com,segmentation;object detection,daily,UTC,7,true
            no@example.com,segmentation;object detection,daily,UTC,7,false
            """);

        // Act
        CliResult import = await _workspace.RunAsync("subscribers", "import", file);
        CliResult send = await _workspace.RunAsync("send-due");

        // Assert
        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.True(send.ExitCode == 0, send.ToString());
        Assert.Equal(["no@example.com pending", "yes@example.com active"], await _workspace.QueryAsync<string>("SELECT email || ' ' || status FROM subscribers ORDER BY email"));
        Assert.Equal(["yes@example.com digest"], await _workspace.QueryAsync<string>("SELECT recipient || ' ' || kind FROM outbox"));
        Assert.Equal(0, await _workspace.CountAsync("digests d JOIN subscribers s ON s.id = d.subscriber_id WHERE s.email = 'no@example.com'"));
        Assert.Single(Directory.GetFiles(_workspace.PickupDirectory, "*.eml"));
    }

    [Fact]
    public async Task Import_Skips_And_Reports_The_Row_And_Changes_Nothing_When_The_Address_Is_Already_Subscribed()
    {
        // Arrange
        CliResult add = await _workspace.RunAsync("subscribers", "add", "Known@Example.com", "--keywords", "robotics", "--timezone", "Asia/Tokyo", "--hour", "5");
        Assert.True(add.ExitCode == 0, add.ToString());
        string file = _workspace.WriteFile("dupes.csv", $"""
            {Header}
            known@example.com,segmentation,weekly,UTC,9,false
            new@example.com,segmentation,daily,UTC,7,true
            new@example.com,transformers,daily,UTC,8,true
            """);

        // Act
        CliResult result = await _workspace.RunAsync("subscribers", "import", file);

        // Assert
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("dupes.csv:2: skipped: known@example.com is already subscribed", result.Error, StringComparison.Ordinal);
        Assert.Contains("dupes.csv:4: skipped: new@example.com is already subscribed", result.Error, StringComparison.Ordinal);
        Assert.Contains("skipped 2 row(s): 0 invalid, 2 already subscribed", result.Out, StringComparison.Ordinal);
        Assert.Equal(
            ["Known@Example.com active weekly=daily Asia/Tokyo 5 robotics", "new@example.com active weekly=daily UTC 7 segmentation"],
            await _workspace.QueryAsync<string>(
                """
                SELECT s.email || ' ' || s.status || ' weekly=' || s.frequency || ' ' || s.time_zone || ' ' || s.delivery_hour || ' ' || string_agg(k.keyword, ',')
                FROM subscribers s JOIN subscriber_keywords k ON k.subscriber_id = s.id GROUP BY s.id ORDER BY s.id
                """));
    }

    [Theory]
    [InlineData("email,keywords,frequency,timezone,hour", "missing: consented")]
    [InlineData("email,keywords,frequency,zone,hour,consented", "missing: timezone; unknown: zone")]
    [InlineData("", "found an empty header line")]
    public async Task Import_Fails_With_Exit_1_And_Stores_Nothing_When_The_Header_Is_Wrong(string header, string expected)
    {
        // Arrange
        string file = _workspace.WriteFile("header.csv", header + "\nada@example.com,segmentation,daily,UTC,7,true\n");

        // Act
        CliResult result = await _workspace.RunAsync("subscribers", "import", file);

        // Assert
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("the header must be 'email,keywords,frequency,timezone,hour,consented'", result.Error, StringComparison.Ordinal);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await _workspace.CountAsync("subscribers"));
    }

    [Fact]
    public async Task Import_Fails_With_Exit_1_When_The_File_Cannot_Be_Read()
    {
        // Arrange
        string missing = Path.Combine(_workspace.Root, "nowhere.csv");

        // Act
        CliResult result = await _workspace.RunAsync("subscribers", "import", missing);

        // Assert
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"error: cannot read {missing}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_Keeps_Commas_And_Quotes_Inside_A_Field_When_The_Field_Is_Quoted()
    {
        // Arrange: columns in another order, a quoted keyword list with commas, an escaped quote.
        string file = _workspace.WriteFile("quoted.csv", """
            consented,hour,timezone,frequency,keywords,email
            TRUE,8,"America/New_York",daily,"graph neural networks, GNNs;""diffusion"" models",quoted@example.com
            """);

        // Act
        CliResult result = await _workspace.RunAsync("subscribers", "import", file);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            ["graph neural networks, GNNs", "\"diffusion\" models"],
            await _workspace.QueryAsync<string>($"SELECT keyword FROM subscriber_keywords ORDER BY {_workspace.KeywordOrder}"));
        Assert.Equal(["quoted@example.com active America/New_York 8"], await _workspace.QueryAsync<string>("SELECT email || ' ' || status || ' ' || time_zone || ' ' || delivery_hour FROM subscribers"));
    }

    [Fact]
    public async Task Import_Stores_Every_Batch_And_Counts_Lines_Across_Batches_When_The_File_Is_Long()
    {
        // Arrange: 2,500 rows (three batches), one bad row in the third batch.
        var csv = new StringBuilder(Header).Append('\n');
        for (int i = 0; i < 2500; i++)
        {
            csv.Append(i == 2200 ? "broken" : $"user{i}@example.com").Append(",segmentation;transformers,daily,UTC,7,").Append(i % 2 == 0 ? "true" : "false").Append('\n');
        }

        string file = _workspace.WriteFile("long.csv", csv.ToString());

        // Act
        CliResult result = await _workspace.RunAsync("subscribers", "import", file);

        // Assert: line 1 is the header, so row i is on line i + 2.
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("long.csv:2202: skipped: 'broken' is not an email address", result.Error, StringComparison.Ordinal);
        Assert.Contains("imported 2499 subscriber(s): 1249 active, 1250 pending; skipped 1 row(s)", result.Out, StringComparison.Ordinal);
        Assert.Equal(2499, await _workspace.CountAsync("subscribers"));
        Assert.Equal(4998, await _workspace.CountAsync("subscriber_keywords"));
    }

    public sealed class OnSqlite() : SubscriberImportTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : SubscriberImportTests(postgres);
}
