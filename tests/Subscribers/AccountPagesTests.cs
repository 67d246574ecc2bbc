using System.Net;
using System.Text.Json;
using MimeKit;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Subscribers;

/// <summary>Confirmation limits, preferences, feedback, "download my data" and "delete me", over HTTP.</summary>
public abstract class AccountPagesTests(PostgresServer? postgres) : WebAppTests(postgres)
{
    [Fact]
    public async Task Subscribe_Sends_At_Most_Three_Confirmation_Mails_When_An_Address_Is_Submitted_Four_Times_In_A_Day()
    {
        // Act
        for (int i = 0; i < 4; i++)
        {
            (HttpResponseMessage response, _) = await Web.SubmitAsync("/", "/subscribe", ("email", "spammed@example.com"), ("keywords", "robots"), ("timeZone", "UTC"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await Workspace.WaitForOutboxIdleAsync();
        var opened = new List<HttpStatusCode>();
        foreach (MimeMessage mail in Smtp.Received.Where(r => r.To.Contains("spammed@example.com")).Select(r => r.Message).ToList())
        {
            opened.Add((await Web.GetPageAsync(Mailbox.Links(mail, 'c')[0])).Response.StatusCode);
        }

        // Assert: the fourth sign-up, which mailed nothing, did not revoke the link of the latest mail either
        // (mails may arrive in any order over several connections, so: exactly one of the three links works).
        Assert.Equal(3, Smtp.Received.Count(r => r.To.Contains("spammed@example.com")));
        Assert.Equal(3, await Workspace.CountAsync("outbox WHERE kind = 'confirmation'"));
        Assert.Equal(1, opened.Count(s => s == HttpStatusCode.OK));
    }

    [Fact]
    public async Task Confirm_Shows_An_Expired_Page_And_Changes_Nothing_When_The_Link_Is_Older_Than_Seven_Days()
    {
        // Arrange
        await Web.SubmitAsync("/", "/subscribe", ("email", "slow@example.com"), ("keywords", "robots"), ("timeZone", "UTC"));
        string confirmUrl = Mailbox.Links(await Mailbox.WaitForAsync(Smtp, m => m.To.Mailboxes.Any(a => a.Address == "slow@example.com")), 'c')[0];
        Workspace.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        // Act: opening the link, and posting to it with a valid form token from the site.
        (HttpResponseMessage opened, string html, _) = await Web.GetPageAsync(confirmUrl);
        (HttpResponseMessage posted, _) = await Web.SubmitAsync("/", confirmUrl);

        // Assert
        Assert.Equal(HttpStatusCode.Gone, opened.StatusCode);
        Assert.Contains("expired", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/\">Subscribe again</a>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, posted.StatusCode);
        Assert.Equal(["pending"], await Workspace.QueryAsync<string>("SELECT status FROM subscribers"));
    }

    [Fact]
    public async Task Preferences_Shows_The_Default_Digest_Size_When_The_Subscriber_Has_None()
    {
        // Arrange
        string preferences = await DigestLinkAsync("size@example.com", 'p');

        // Act
        (HttpResponseMessage opened, string page, _) = await Web.GetPageAsync(preferences);

        // Assert
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("name=\"papersPerDigest\" min=\"1\" max=\"50\" value=\"\" placeholder=\"10\"", page, StringComparison.Ordinal);
        Assert.Contains("Leave it empty for the usual 10.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preferences_Saves_Every_Field_And_Refuses_Invalid_Input_Without_Changing_Anything()
    {
        // Arrange
        string preferences = await DigestLinkAsync("prefs@example.com", 'p');

        // Act
        (HttpResponseMessage invalid, string invalidPage) = await Web.SubmitAsync(
            preferences, ("keywords", "graphs"), ("muted", ""), ("frequency", "hourly"), ("hour", "25"), ("timeZone", "Mars/Base"), ("papersPerDigest", "5"));
        string afterInvalid = await Workspace.SnapshotAsync();
        (HttpResponseMessage saved, string savedPage) = await Web.SubmitAsync(
            preferences, ("keywords", "graph neural networks\nprotein folding"), ("muted", "segmentation"), ("frequency", "weekly"), ("hour", "9"), ("timeZone", "Asia/Tokyo"), ("papersPerDigest", "5"), ("weeklyDay", "friday"));
        string weeklyDay = (await Workspace.QueryAsync<string>("SELECT weekly_day FROM subscribers")).Single();
        (HttpResponseMessage badDay, string badDayPage) = await Web.SubmitAsync(
            preferences, ("keywords", "graphs"), ("frequency", "weekly"), ("hour", "9"), ("timeZone", "Asia/Tokyo"), ("weeklyDay", "someday"));
        (_, string reopened, _) = await Web.GetPageAsync(preferences);
        await Web.SubmitAsync(
            preferences, ("keywords", "graph neural networks\nprotein folding"), ("muted", "segmentation"), ("frequency", "weekly"), ("hour", "9"), ("timeZone", "Asia/Tokyo"), ("papersPerDigest", "5"), ("weeklyDay", "monday"));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("is not one of", invalidPage, StringComparison.Ordinal);
        Assert.Contains("Mars/Base", invalidPage, StringComparison.Ordinal);
        Assert.Contains("segmentation", afterInvalid, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("Saved", savedPage, StringComparison.Ordinal);
        Assert.Equal("friday", weeklyDay);
        Assert.Equal(HttpStatusCode.BadRequest, badDay.StatusCode);
        Assert.Contains("weekly day &#39;someday&#39; is not a weekday", badDayPage, StringComparison.Ordinal);
        Assert.Contains("<option value=\"friday\" selected>Friday</option>", reopened, StringComparison.Ordinal);
        // Monday is the configured day (Scheduler:WeeklyDay's default): choosing it stores "none of my own".
        Assert.Equal(
            ["weekly|9|Asia/Tokyo|5|(configured)"],
            await Workspace.QueryAsync<string>("SELECT frequency || '|' || delivery_hour || '|' || time_zone || '|' || papers_per_digest || '|' || COALESCE(weekly_day, '(configured)') FROM subscribers"));
        Assert.Equal(
            ["weekly|9|Asia/Tokyo|5"],
            await Workspace.QueryAsync<string>("SELECT frequency || '|' || delivery_hour || '|' || time_zone || '|' || papers_per_digest FROM subscribers"));
        Assert.Equal(
            ["graph neural networks:0", "protein folding:0", "segmentation:1"],
            await Workspace.QueryAsync<string>("SELECT keyword || ':' || muted FROM subscriber_keywords ORDER BY keyword"));
    }

    [Fact]
    public async Task Preferences_Forgets_Unticked_Papers_And_Likes_Typed_Ids_When_Saved()
    {
        // Arrange: two papers liked from the digest, and one marked "less like this".
        MimeMessage digest = await DigestAsync("curator@example.com");
        string preferences = Mailbox.Links(digest, 'p')[0];
        string[] lines = (digest.TextBody ?? "").Replace('\u00a0', ' ').Split('\n', StringSplitOptions.TrimEntries);
        foreach (string more in lines.Where(l => l.StartsWith("More like this:", StringComparison.Ordinal)).Take(2))
        {
            await Web.SubmitAsync(Url(more));
        }

        await Web.SubmitAsync(Url(lines.Where(l => l.StartsWith("Less like this:", StringComparison.Ordinal)).Skip(2).First()));
        string disliked = (await Workspace.QueryAsync<string>("SELECT p.paper_key FROM subscriber_papers o JOIN papers p ON p.id = o.paper_id WHERE o.opinion = 'disliked'")).Single();

        const string LikedKeys = "SELECT p.paper_key FROM subscriber_papers o JOIN papers p ON p.id = o.paper_id WHERE o.opinion = 'liked' ORDER BY o.created_at, p.id";
        List<string> liked = await Workspace.QueryAsync<string>(LikedKeys);
        (_, string shownPage, _) = await Web.GetPageAsync(preferences);
        (string, string)[] fields =
        [
            ("keywords", "semantic segmentation\nobject detection"), ("frequency", "daily"), ("hour", "7"), ("timeZone", "UTC"),
            ("shownLiked", liked[0]), ("shownLiked", liked[1]), ("liked", liked[0]), ("shownDisliked", disliked),
        ];

        // Act
        (HttpResponseMessage invalid, string invalidPage) = await Web.SubmitAsync(preferences, [.. fields, ("addLiked", "not a paper")]);
        List<string> afterInvalid = await Workspace.QueryAsync<string>(LikedKeys);
        (HttpResponseMessage saved, string savedPage) = await Web.SubmitAsync(preferences, [.. fields, ("addLiked", "https://arxiv.org/abs/2202.12139v1")]);

        // Assert
        Assert.Equal(2, liked.Count);
        Assert.Equal(2, shownPage.Split("name=\"liked\"").Length - 1);
        Assert.Contains($"name=\"disliked\" value=\"{disliked}\" checked>", shownPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("&#39;not a paper&#39; is not an arXiv id or link", invalidPage, StringComparison.Ordinal);
        Assert.Contains($"name=\"liked\" value=\"{liked[0]}\" checked>", invalidPage, StringComparison.Ordinal);
        Assert.Contains($"name=\"liked\" value=\"{liked[1]}\">", invalidPage, StringComparison.Ordinal);
        Assert.Equal(liked, afterInvalid);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal([liked[0]], await Workspace.QueryAsync<string>(LikedKeys));
        Assert.Equal(0, await Workspace.CountAsync("subscriber_papers WHERE opinion = 'disliked'"));
        Assert.Equal(["arxiv:2202.12139"], await Workspace.QueryAsync<string>("SELECT paper_key FROM wanted_papers"));
        Assert.Contains("(being fetched from arXiv)", savedPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feedback_Records_Liked_Disliked_And_Muted_When_Each_Button_Is_Pressed()
    {
        // Arrange
        MimeMessage digest = await DigestAsync("feedback@example.com");
        // The labels keep their words together with no-break spaces (a label never wraps inside in the HTML part).
        string[] lines = (digest.TextBody ?? "").Replace('\u00a0', ' ').Split('\n', StringSplitOptions.TrimEntries);
        string more = Url(lines.Where(l => l.StartsWith("More like this:", StringComparison.Ordinal)).First());
        string less = Url(lines.Where(l => l.StartsWith("Less like this:", StringComparison.Ordinal)).Skip(1).First());
        string mute = Url(lines.First(l => l.StartsWith("Mute “semantic segmentation”:", StringComparison.Ordinal)));

        // Act
        (HttpResponseMessage liked, _) = await Web.SubmitAsync(more);
        (HttpResponseMessage disliked, _) = await Web.SubmitAsync(less);
        (HttpResponseMessage muted, string mutedPage) = await Web.SubmitAsync(mute);
        (_, string mutedAgain, _) = await Web.GetPageAsync(mute);

        // Assert
        Assert.Equal(HttpStatusCode.OK, liked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, disliked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, muted.StatusCode);
        Assert.Contains("Keyword muted", mutedPage, StringComparison.Ordinal);
        Assert.Contains("Already muted", mutedAgain, StringComparison.Ordinal);
        Assert.Equal(["liked"], await Workspace.QueryAsync<string>("SELECT opinion FROM subscriber_papers WHERE paper_id = (SELECT paper_id FROM digest_items WHERE rank = 1)"));
        Assert.Equal(["disliked"], await Workspace.QueryAsync<string>("SELECT opinion FROM subscriber_papers WHERE paper_id = (SELECT paper_id FROM digest_items WHERE rank = 2)"));
        Assert.Equal(["1"], await Workspace.QueryAsync<string>("SELECT muted FROM subscriber_keywords WHERE keyword = 'semantic segmentation'"));
    }

    [Fact]
    public async Task Mute_Says_Nothing_To_Mute_When_The_Keyword_Was_Removed_After_The_Digest()
    {
        // Arrange
        MimeMessage digest = await DigestAsync("changed@example.com");
        string[] lines = (digest.TextBody ?? "").Replace('\u00a0', ' ').Split('\n', StringSplitOptions.TrimEntries);
        string mute = Url(lines.First(l => l.StartsWith("Mute “semantic segmentation”:", StringComparison.Ordinal)));
        await Web.SubmitAsync(Mailbox.Links(digest, 'p')[0], ("keywords", "object detection"), ("frequency", "daily"), ("hour", "7"), ("timeZone", "UTC"));

        // Act
        (HttpResponseMessage opened, string page, _) = await Web.GetPageAsync(mute);

        // Assert: the link is genuine, so the page says what happened instead of calling it broken.
        Assert.Equal(HttpStatusCode.Gone, opened.StatusCode);
        Assert.Contains("Nothing to mute", page, StringComparison.Ordinal);
        Assert.DoesNotContain("This link does not work", page, StringComparison.Ordinal);
        Assert.Equal(["object detection|0"], await Workspace.QueryAsync<string>("SELECT keyword || '|' || muted FROM subscriber_keywords"));
    }

    [Fact]
    public async Task Preferences_Save_Says_Nothing_Is_Sent_When_The_Subscriber_Has_Unsubscribed()
    {
        // Arrange
        string preferences = await DigestLinkAsync("gone-quiet@example.com", 'p');
        await Workspace.RunAsync("subscribers", "unsubscribe", "gone-quiet@example.com");

        // Act
        (HttpResponseMessage saved, string page) = await Web.SubmitAsync(preferences, ("keywords", "robots"), ("frequency", "daily"), ("hour", "9"), ("timeZone", "UTC"));

        // Assert: saved, but it does not promise a digest that will never come.
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("You are unsubscribed, so nothing is sent", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Your next digest uses these settings", page, StringComparison.Ordinal);
        Assert.Equal(["unsubscribed|9"], await Workspace.QueryAsync<string>("SELECT status || '|' || delivery_hour FROM subscribers"));
    }

    [Fact]
    public async Task Subscribe_Keeps_The_Typed_Papers_And_Names_The_Bad_One_When_A_Liked_Paper_Is_Not_An_Arxiv_Id()
    {
        // Arrange
        (string Name, string Value)[] fields = [("email", "liker@example.com"), ("keywords", "robots"), ("timeZone", "UTC"), ("frequency", "daily"), ("hour", "7")];

        // Act
        (HttpResponseMessage invalid, string page) = await Web.SubmitAsync("/", "/subscribe", [.. fields, ("liked", "2202.12139\nmy favourite paper")]);
        long afterInvalid = await Workspace.CountAsync("subscribers");
        (HttpResponseMessage valid, _) = await Web.SubmitAsync("/", "/subscribe", [.. fields, ("liked", "2202.12139\nhttps://arxiv.org/abs/2405.13786v1")]);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("&#39;my favourite paper&#39; is not an arXiv id or link", page, StringComparison.Ordinal);
        Assert.Contains(">2202.12139\nmy favourite paper</textarea>", page, StringComparison.Ordinal);
        Assert.Equal(0, afterInvalid);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(["arxiv:2202.12139", "arxiv:2405.13786"], await Workspace.QueryAsync<string>("SELECT paper_key FROM wanted_papers ORDER BY paper_key"));
    }

    [Fact]
    public async Task SwitchFrequency_Makes_The_Digest_Weekly_When_The_Footer_Link_Is_Confirmed()
    {
        // Arrange
        MimeMessage digest = await DigestAsync("pace@example.com");
        string[] lines = (digest.TextBody ?? "").Replace('\u00a0', ' ').Split('\n', StringSplitOptions.TrimEntries);
        string weekly = Url(lines.Single(l => l.StartsWith("One digest a week instead:", StringComparison.Ordinal)));
        Assert.Contains(weekly, digest.HtmlBody, StringComparison.Ordinal);
        (HttpResponseMessage shown, string page, _) = await Web.GetPageAsync(weekly);
        string before = (await Workspace.QueryAsync<string>("SELECT frequency FROM subscribers")).Single();

        // Act
        (HttpResponseMessage switched, string done) = await Web.SubmitAsync(weekly);
        (_, string again, _) = await Web.GetPageAsync(weekly);

        // Assert
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains("Yes, one digest a week", page, StringComparison.Ordinal);
        Assert.Contains("one digest a week, every Monday after 07:00 (UTC), instead of one a day.", page, StringComparison.Ordinal);
        Assert.Equal("daily", before);
        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        Assert.Contains("From now on pace@example.com gets one digest a week.", done, StringComparison.Ordinal);
        Assert.Equal(["weekly"], await Workspace.QueryAsync<string>("SELECT frequency FROM subscribers"));
        Assert.Equal(["object detection", "semantic segmentation"], await Workspace.QueryAsync<string>("SELECT keyword FROM subscriber_keywords WHERE muted = 0 ORDER BY keyword"));
        Assert.Contains("already gets one digest a week", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SwitchFrequency_Sends_The_First_Weekly_Digest_On_The_Weekday_When_Switched_After_It()
    {
        // Arrange: Friday 27 November, the daily digest sent; the weekly day is Monday.
        MimeMessage digest = await DigestAsync("slower@example.com");
        string weekly = Mailbox.Links(digest, 'f').Single(l => l.Contains("/f/AQc", StringComparison.Ordinal));
        await Web.SubmitAsync(weekly);

        // Act
        CliResult sameDay = await Workspace.RunAsync("send-due");
        Workspace.Time.Advance(TimeSpan.FromDays(2));
        CliResult sunday = await Workspace.RunAsync("send-due");
        Workspace.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.Zero));
        await Workspace.RunAsync("send-due");

        // Assert: no second mail in week 48 for asking for less mail; week 49's on Monday (sent by this run or
        // by the app's own scheduler, which sees the same clock).
        Assert.Equal("nothing is due", sameDay.Out.Trim());
        Assert.Contains("nothing is due", sunday.Out, StringComparison.Ordinal);
        await Mailbox.WaitForAsync(Smtp, m => (m.MessageId ?? "").StartsWith("digest.2026-W49.", StringComparison.Ordinal));
        Assert.Equal(["2026-11-27", "2026-W49"], await Workspace.QueryAsync<string>("SELECT period FROM digests ORDER BY id"));
    }

    [Fact]
    public async Task Unsubscribe_Page_Offers_One_Digest_A_Week_Beside_The_Button_When_The_Digest_Is_Daily()
    {
        // Arrange
        MimeMessage digest = await DigestAsync("leaving@example.com");
        string weekly = Mailbox.Links(digest, 'f').Single(l => l.Contains("/f/AQc", StringComparison.Ordinal));

        // Act
        (HttpResponseMessage response, string page, _) = await Web.GetPageAsync(Mailbox.Links(digest, 'u')[0]);

        // Assert: the same signed switch link as the digest's footer, and the button still there.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<a href=\"{weekly}\">Too much mail? Get one digest a week instead</a>", page, StringComparison.Ordinal);
        Assert.Contains("class=\"danger\">Unsubscribe</button>", page, StringComparison.Ordinal);
        Assert.Equal(["active|daily"], await Workspace.QueryAsync<string>("SELECT status || '|' || frequency FROM subscribers"));
    }

    [Fact]
    public async Task SwitchFrequency_Changes_Nothing_When_The_Subscriber_Has_Unsubscribed()
    {
        // Arrange
        MimeMessage digest = await DigestAsync("gone@example.com");
        string weekly = Mailbox.Links(digest, 'f').Single(l => l.Contains("/f/AQc", StringComparison.Ordinal));
        (_, string page, string token) = await Web.GetPageAsync(weekly);
        await Web.SubmitAsync(Mailbox.Links(digest, 'u')[0]);

        // Act
        using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        using HttpResponseMessage response = await Web.Client.PostAsync(new Uri(weekly), form, TestContext.Current.CancellationToken);
        string result = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.Contains("Yes, one digest a week", page, StringComparison.Ordinal);
        Assert.Contains("You are unsubscribed", result, StringComparison.Ordinal);
        Assert.Equal(["unsubscribed|daily"], await Workspace.QueryAsync<string>("SELECT status || '|' || frequency FROM subscribers"));
    }

    [Fact]
    public async Task DeleteMe_Leaves_No_Row_With_The_Address_And_Nothing_Is_Sent_Again()
    {
        // Arrange
        MimeMessage digest = await DigestAsync("leaver@example.com");
        string preferences = Mailbox.Links(digest, 'p')[0];
        await Web.SubmitAsync(Mailbox.Links(digest, 'f')[0]);
        (HttpResponseMessage export, string json) = await Web.SubmitAsync(preferences, preferences + "/export");

        // Act
        (HttpResponseMessage deleted, string page) = await Web.SubmitAsync(preferences + "/delete");
        Workspace.Time.Advance(TimeSpan.FromDays(1));
        CliResult nextDay = await Workspace.RunAsync("send-due");

        // Assert
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using (JsonDocument data = JsonDocument.Parse(json))
        {
            Assert.Equal("leaver@example.com", data.RootElement.GetProperty("subscriber").GetProperty("email").GetString());
            Assert.Equal(10, data.RootElement.GetProperty("sentPapers").GetArrayLength());
            Assert.Equal(1, data.RootElement.GetProperty("opinions").GetArrayLength());
        }

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Contains("Deleted", page, StringComparison.Ordinal);
        Assert.DoesNotContain("leaver@example.com", await Workspace.SnapshotAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("leaver", DecodedBlobs(await Workspace.SnapshotAsync()), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await Workspace.CountAsync("suppressions WHERE email IS NULL AND reason = 'deleted'"));
        Assert.Contains("nothing is due", nextDay.Out, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Web.GetPageAsync(preferences)).Response.StatusCode);
    }

    private async Task<MimeMessage> DigestAsync(string email)
    {
        await Workspace.RunAsync("subscribers", "add", email, "--keywords", "semantic segmentation, object detection", "--timezone", "UTC");
        await Workspace.RunAsync("send-due");
        return await Mailbox.WaitForAsync(Smtp, m => m.To.Mailboxes.Any(a => a.Address == email));
    }

    private static string Url(string line) => line[(line.IndexOf("http", StringComparison.Ordinal))..];

    private async Task<string> DigestLinkAsync(string email, char kind) => Mailbox.Links(await DigestAsync(email), kind)[0];

    /// <summary>The snapshot with every base64 value decoded, so addresses inside stored messages are seen too.</summary>
    private static string DecodedBlobs(string snapshot) =>
        string.Join('\n', snapshot.Split(['|', '\n'], StringSplitOptions.TrimEntries).Select(cell =>
        {
            int equals = cell.IndexOf('=', StringComparison.Ordinal);
            string value = equals < 0 ? cell : cell[(equals + 1)..];
            try
            {
                return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(value));
            }
            catch (FormatException)
            {
                return value;
            }
        }));

    public sealed class OnSqlite() : AccountPagesTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : AccountPagesTests(postgres);
}
