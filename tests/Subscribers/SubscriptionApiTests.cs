using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Subscribers;

public abstract class SubscriptionApiTests(PostgresServer? postgres) : IAsyncLifetime
{
    private static readonly string[] GraphKeywords = ["graph neural networks"];
    private static readonly string[] RobotKeywords = ["robots"];
    private static readonly string[] ThreeWaysOfTwoPapers = ["2202.12139", "https://arxiv.org/pdf/2405.13786v1.pdf", "2202.12139v2"];
    private static readonly string[] OneGoodOneBad = ["2202.12139", "my favourite paper"];
    private static readonly string[] CommaAndLineBreak = ["protein folding, structure prediction", "a\nb"];

    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), postgres);
    private TestSmtpServer _smtp = null!;
    private TestWebApp _web = null!;

    public async ValueTask InitializeAsync()
    {
        _smtp = await TestSmtpServer.StartAsync();
        _workspace.UseSmtp(_smtp);
        _workspace.Settings["Web:SubscribeLimitPerHour"] = "3";
        _web = await TestWebApp.StartAsync(_workspace);
    }

    public async ValueTask DisposeAsync()
    {
        await _web.DisposeAsync();
        await _smtp.DisposeAsync();
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task PostSubscriptions_Accepts_A_Valid_Request_And_Sends_A_Confirmation()
    {
        // Act
        HttpResponseMessage response = await _web.Client.PostAsJsonAsync(
            "/api/subscriptions",
            new { email = "api@example.com", keywords = GraphKeywords, frequency = "weekly", timeZone = "Europe/Berlin", hour = 6 },
            TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Mailbox.WaitForAsync(_smtp, m => m.To.Mailboxes.Any(a => a.Address == "api@example.com"));
        Assert.Equal(["pending|weekly|6|Europe/Berlin"], await _workspace.QueryAsync<string>("SELECT status || '|' || frequency || '|' || delivery_hour || '|' || time_zone FROM subscribers"));
    }

    [Fact]
    public async Task PostSubscriptions_Records_Liked_Papers_When_The_Request_Names_Them()
    {
        // Act
        HttpResponseMessage response = await _web.Client.PostAsJsonAsync(
            "/api/subscriptions",
            new { email = "likes@example.com", keywords = GraphKeywords, liked = ThreeWaysOfTwoPapers },
            TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(
            ["arxiv:2202.12139", "arxiv:2405.13786"],
            await _workspace.QueryAsync<string>("SELECT w.paper_key FROM wanted_papers w JOIN subscribers s ON s.id = w.subscriber_id WHERE s.email = 'likes@example.com' ORDER BY w.paper_key"));
    }

    [Fact]
    public async Task PostSubscriptions_Stores_Nothing_When_A_Liked_Paper_Is_Not_An_Arxiv_Id()
    {
        // Act
        HttpResponseMessage response = await _web.Client.PostAsJsonAsync(
            "/api/subscriptions",
            new { email = "likes@example.com", keywords = GraphKeywords, liked = OneGoodOneBad },
            TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("'my favourite paper' is not an arXiv id or link", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await _workspace.CountAsync("subscribers"));
        Assert.Equal(0, await _workspace.CountAsync("wanted_papers"));
    }

    [Fact]
    public async Task PostSubscriptions_Answers_Problem_Details_Listing_Every_Error_When_Fields_Are_Invalid()
    {
        // Act
        HttpResponseMessage response = await _web.Client.PostAsJsonAsync(
            "/api/subscriptions", new { email = "nope", keywords = Array.Empty<string>(), timeZone = "Nowhere/City", hour = 30 }, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(4, problem.RootElement.GetProperty("errors").GetArrayLength());
        Assert.Equal(0, await _workspace.CountAsync("subscribers"));
    }

    [Fact]
    public async Task PostSubscriptions_Stores_Nothing_And_Names_Each_Keyword_When_Keywords_Hold_A_Comma_Or_A_Line_Break()
    {
        // Act: the preferences page would split these keywords in two on its first save.
        HttpResponseMessage response = await _web.Client.PostAsJsonAsync(
            "/api/subscriptions", new { email = "", keywords = CommaAndLineBreak }, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(
            [
                "an email address is needed",
                "keyword 'protein folding, structure prediction' has a comma: keywords are separated by commas, so give each keyword on its own",
                "keyword 'a\\nb' has a line break; give each keyword on its own",
            ],
            problem.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, await _workspace.CountAsync("subscribers"));
        Assert.Equal(0, await _workspace.CountAsync("subscriber_keywords"));
    }

    [Fact]
    public async Task PostSubscriptions_Answers_Problem_Details_When_The_Body_Is_Not_Json()
    {
        // Act
        using var broken = new StringContent("{\"email\":", Encoding.UTF8, "application/json");
        HttpResponseMessage response = await _web.Client.PostAsync(new Uri("/api/subscriptions", UriKind.Relative), broken, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not valid JSON", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/subscriptions", "application/json")]
    [InlineData("/subscribe", "application/x-www-form-urlencoded")]
    public async Task Subscribe_Refuses_With_413_And_Stores_Nothing_When_The_Body_Is_Too_Large(string path, string mediaType)
    {
        // Arrange: a body over the 64 KB limit, a keyword of 100 KB.
        string keyword = new('x', 100 * 1024);
        string body = mediaType == "application/json"
            ? $$"""{"email": "big@example.com", "keywords": ["{{keyword}}"]}"""
            : $"email=big%40example.com&keywords={keyword}";
        using var content = new StringContent(body, Encoding.UTF8, mediaType);

        // Act
        HttpResponseMessage response = await _web.Client.PostAsync(new Uri(path, UriKind.Relative), content, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Request body too large", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(0, await _workspace.CountAsync("subscribers"));
    }

    [Theory]
    [InlineData("/api/subscriptions", HttpStatusCode.MethodNotAllowed)]
    [InlineData("/api/subscriptions/7", HttpStatusCode.NotFound)]
    [InlineData("/api/papers", HttpStatusCode.NotFound)]
    public async Task Api_Answers_Problem_Details_When_Asked_For_What_It_Does_Not_Serve(string path, HttpStatusCode expected)
    {
        // Act
        HttpResponseMessage response = await _web.Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(expected == HttpStatusCode.MethodNotAllowed ? ["POST"] : [], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task PostSubscriptions_Refuses_With_429_When_One_Client_Signs_Up_Too_Often()
    {
        // Act
        var statuses = new List<HttpStatusCode>();
        string? problemType = null;
        string problemBody = "";
        for (int i = 0; i < 4; i++)
        {
            HttpResponseMessage response = await _web.Client.PostAsJsonAsync(
                "/api/subscriptions", new { email = $"many{i}@example.com", keywords = RobotKeywords }, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            problemType = response.Content.Headers.ContentType?.MediaType;
            problemBody = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        }

        (HttpResponseMessage form, string page) = await _web.SubmitAsync("/", "/subscribe", ("email", "form@example.com"), ("keywords", "robots"), ("timeZone", "UTC"));

        // Assert: refused as problem details for the API, and as a page for the form.
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("application/problem+json", problemType);
        using (JsonDocument problem = JsonDocument.Parse(problemBody))
        {
            Assert.Single(problem.RootElement.GetProperty("errors").EnumerateArray());
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, form.StatusCode);
        Assert.Equal("text/html", form.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Too many sign-ups</h1>", page, StringComparison.Ordinal);
        Assert.Equal(3, await _workspace.CountAsync("subscribers"));
    }

    [Theory]
    [InlineData("""{"email": "x@example.com", "keywords": "robots"}""", "keywords must be a list of strings", "The body does not fit a subscription")]
    [InlineData("""{"email": "x@example.com", "keywords": ["robots"], "hour": "seven"}""", "hour must be a whole number from 0 to 23", "The body does not fit a subscription")]
    [InlineData("""[]""", "the body must be one JSON object", "The body does not fit a subscription")]
    [InlineData("""{"email": }""", "the JSON is malformed near line 1", "The body is not valid JSON")]
    public async Task PostSubscriptions_Names_The_Field_When_A_Value_Has_The_Wrong_Json_Type(string json, string expected, string title)
    {
        // Act
        using var body = new StringContent(json, Encoding.UTF8, "application/json");
        HttpResponseMessage response = await _web.Client.PostAsync(new Uri("/api/subscriptions", UriKind.Relative), body, TestContext.Current.CancellationToken);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        // Assert: the request's own field names, never .NET's types.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string error = Assert.Single(problem.RootElement.GetProperty("errors").EnumerateArray()).GetString()!;
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.Equal(title, problem.RootElement.GetProperty("title").GetString());
        Assert.DoesNotContain("System.", problem.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0, await _workspace.CountAsync("subscribers"));
    }

    [Fact]
    public async Task Pages_Carry_Security_Headers_And_Unknown_Addresses_Get_A_Friendly_404()
    {
        // Act
        HttpResponseMessage front = await _web.Client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        HttpResponseMessage missing = await _web.Client.GetAsync(new Uri("/no/such/page", UriKind.Relative), TestContext.Current.CancellationToken);
        HttpResponseMessage reopened = await _web.Client.GetAsync(new Uri("/subscribe", UriKind.Relative), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, front.StatusCode);
        // Pages keep their style block: email CSS inlining must not reach them.
        Assert.Contains("<style>", await front.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", front.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", front.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("nosniff", front.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Page not found", await missing.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        // The form's address opened from the address bar leads back to the form.
        Assert.Equal(HttpStatusCode.Found, reopened.StatusCode);
        Assert.Equal("/", reopened.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task PostSubscribe_Refuses_A_Form_Without_The_Antiforgery_Token()
    {
        // Act: a cross-site form post carries no token.
        using var form = new FormUrlEncodedContent([new("email", "csrf@example.com"), new("keywords", "robots")]);
        HttpResponseMessage response = await _web.Client.PostAsync(new Uri("/subscribe", UriKind.Relative), form, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await _workspace.CountAsync("subscribers"));
    }

    public sealed class OnSqlite() : SubscriptionApiTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : SubscriptionApiTests(postgres);
}
