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
    [InlineData("email,email,keywords,frequency,timezone,hour,consented", "; more than once: email")]
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
    public async Task Import_Keeps_Quotes_Inside_A_Field_When_The_Field_Is_Quoted()
    {
        // Arrange: columns in another order, a quoted keyword list, an escaped quote.
        string file = _workspace.WriteFile("quoted.csv", """
            consented,hour,timezone,frequency,keywords,email
            TRUE,8,"America/New_York",daily,"graph neural networks;""diffusion"" models",quoted@example.com
            """);

        // Act
        CliResult result = await _workspace.RunAsync("subscribers", "import", file);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            ["graph neural networks", "\"diffusion\" models"],
            await _workspace.QueryAsync<string>($"SELECT keyword FROM subscriber_keywords ORDER BY {_workspace.KeywordOrder}"));
        Assert.Equal(["quoted@example.com active America/New_York 8"], await _workspace.QueryAsync<string>("SELECT email || ' ' || status || ' ' || time_zone || ' ' || delivery_hour FROM subscribers"));
    }

    [Fact]
    public async Task Import_Skips_The_Row_Naming_The_Keyword_When_A_Keyword_Holds_A_Comma_Or_A_Line_Break()
    {
        // Arrange: the preferences page would split either keyword on its first save.
        string file = _workspace.WriteFile("keywords.csv", $"""
            {Header}
            comma@example.com,"transformers, attention",daily,UTC,7,true
            break@example.com,"multi
            line keyword",daily,UTC,7,true
            good@example.com,transformers;attention,daily,UTC,7,true
            """);

        // Act
        CliResult result = await _workspace.RunAsync("subscribers", "import", file);

        // Assert
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("keywords.csv:2: skipped: keyword 'transformers, attention' has a comma", result.Error, StringComparison.Ordinal);
        Assert.Contains("keywords.csv:3: skipped: keyword 'multi\\nline keyword' has a line break; give each keyword on its own", result.Error, StringComparison.Ordinal);
        Assert.Contains("imported 1 subscriber(s): 1 active, 0 pending; skipped 2 row(s): 2 invalid", result.Out, StringComparison.Ordinal);
        Assert.Equal(["attention", "transformers"], await _workspace.QueryAsync<string>("SELECT keyword FROM subscriber_keywords ORDER BY keyword"));
    }

    [Fact]
    public async Task Import_Reports_The_Quote_And_Every_Line_Lost_When_A_Quote_Is_Never_Closed()
    {
        // Arrange
        string file = _workspace.WriteFile("q.csv", $"""
            {Header}
            u1@example.com,"robots,daily,UTC,7,true
            u2@example.com,robots,daily,UTC,7,true
            u3@example.com,robots,daily,UTC,7,true
            u4@example.com,robots,daily,UTC,7,true

            """);

        // Act
        CliResult result = await _workspace.RunAsync("subscribers", "import", file);

        // Assert
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Equal($"{file}:2: a quote opened here is never closed; the rest of the file (lines 2-5) was not imported", result.Error.Trim());
        Assert.Contains("imported 0 subscriber(s): 0 active, 0 pending; skipped 4 row(s): 4 invalid", result.Out, StringComparison.Ordinal);
        Assert.Equal(0, await _workspace.CountAsync("subscribers"));
    }

    [Fact]
    public async Task Import_Reports_The_Lines_Read_As_One_Row_And_Keeps_The_Rest_When_A_Quote_Closes_Rows_Later()
    {
        // Arrange: the quote opened on line 3 is closed by the stray one on line 5.
        string file = _workspace.WriteFile("late.csv", $"""
            {Header}
            u1@example.com,robots,daily,UTC,7,true
            u2@example.com,"robots,daily,UTC,7,true
            u3@example.com,robots,daily,UTC,7,true
            u4@example.com,robots",daily,UTC,7,true
            u5@example.com,robots,daily,UTC,7,true
            """);

        // Act
        CliResult result = await _workspace.RunAsync("subscribers", "import", file);

        // Assert
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("late.csv:3: skipped lines 3-5: a quoted field runs over them, so they were read as one row", result.Error, StringComparison.Ordinal);
        Assert.Contains("imported 2 subscriber(s): 2 active, 0 pending; skipped 3 row(s): 3 invalid", result.Out, StringComparison.Ordinal);
        Assert.Equal(["u1@example.com", "u5@example.com"], await _workspace.QueryAsync<string>("SELECT email FROM subscribers ORDER BY email"));
    }

    [Fact]
    public async Task Import_Reports_Rows_In_Line_Order_When_Some_Are_Already_Subscribed_And_Some_Invalid()
    {
        // Arrange
        CliResult add = await _workspace.RunAsync("subscribers", "add", "known@example.com", "--keywords", "robotics");
        Assert.True(add.ExitCode == 0, add.ToString());
        string file = _workspace.WriteFile("order.csv", $"""
            {Header}
            known@example.com,segmentation,daily,UTC,7,true
            broken,segmentation,daily,UTC,7,true
            known@example.com,segmentation,daily,UTC,7,true
            also-broken,segmentation,daily,UTC,7,true
            """);

        // Act
        CliResult result = await _workspace.RunAsync("subscribers", "import", file);

        // Assert
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Equal(
            [
                $"{file}:2: skipped: known@example.com is already subscribed (left unchanged)",
                $"{file}:3: skipped: 'broken' is not an email address",
                $"{file}:4: skipped: known@example.com is already subscribed (left unchanged)",
                $"{file}:5: skipped: 'also-broken' is not an email address",
            ],
            result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Import_Stores_The_Row_And_Warns_When_The_Address_Is_Suppressed()
    {
        // Arrange
        CliResult suppress = await _workspace.RunAsync("suppression", "add", "gone@example.com", "--reason", "hard bounce");
        Assert.True(suppress.ExitCode == 0, suppress.ToString());
        string file = _workspace.WriteFile("suppressed.csv", $"""
            {Header}
            fine@example.com,segmentation,daily,UTC,7,true
            Gone@example.com,segmentation,daily,UTC,7,true
            """);

        // Act
        CliResult result = await _workspace.RunAsync("subscribers", "import", file);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            $"{file}:3: warning: Gone@example.com is on the suppression list (hard bounce): nothing will be sent until `suppression remove Gone@example.com`",
            result.Error.Trim());
        Assert.Equal(2, await _workspace.CountAsync("subscribers"));
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

        // Every reading of the clock is 3 s on: past the progress interval after each batch.
        _workspace.Time.AutoAdvanceAmount = TimeSpan.FromSeconds(3);

        // Act
        CliResult result = await _workspace.RunAsync("subscribers", "import", file);

        // Assert: line 1 is the header, so row i is on line i + 2; progress names the file as the rows do.
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains($"{file}:2202: skipped: 'broken' is not an email address", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{file}: 100% read, 2,499 subscribers stored, 1 rows skipped", result.Error, StringComparison.Ordinal);
        Assert.Contains("imported 2499 subscriber(s): 1249 active, 1250 pending; skipped 1 row(s)", result.Out, StringComparison.Ordinal);
        Assert.Equal(2499, await _workspace.CountAsync("subscribers"));
        Assert.Equal(4998, await _workspace.CountAsync("subscriber_keywords"));
    }

    public sealed class OnSqlite() : SubscriberImportTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : SubscriberImportTests(postgres);
}
