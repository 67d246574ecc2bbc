using System.Net;
using MimeKit;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Subscribers;

/// <summary>A person's whole journey through the real app over HTTP on loopback, with mail over real SMTP.</summary>
public abstract class SubscriptionFlowTests(PostgresServer? postgres) : WebAppTests(postgres)
{
    [Fact]
    public async Task Subscribe_Confirm_Receive_And_OneClick_Unsubscribe_Stops_All_Mail()
    {
        // Subscribe through the form.
        (HttpResponseMessage subscribed, string subscribedPage) = await Web.SubmitAsync(
            "/", "/subscribe", ("email", "flow@example.com"), ("keywords", "semantic segmentation, object detection"), ("frequency", "daily"), ("hour", "7"), ("timeZone", "Europe/Berlin"));
        Assert.Equal(HttpStatusCode.OK, subscribed.StatusCode);
        Assert.Contains("Check your inbox", subscribedPage, StringComparison.Ordinal);

        // The confirmation mail arrives; opening its link changes nothing.
        MimeMessage confirmation = await Mailbox.WaitForAsync(Smtp, m => m.Subject == "Confirm your Paperboy subscription");
        string confirmUrl = Assert.Single(Mailbox.Links(confirmation, 'c'));
        (HttpResponseMessage opened, string confirmPage, _) = await Web.GetPageAsync(confirmUrl);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("Confirm my subscription", confirmPage, StringComparison.Ordinal);
        Assert.Equal(["pending"], await Workspace.QueryAsync<string>("SELECT status FROM subscribers"));
        CliResult beforeConfirming = await Workspace.RunAsync("send-due");
        Assert.DoesNotContain("flow@example.com", beforeConfirming.Out, StringComparison.Ordinal);

        // The button confirms.
        (HttpResponseMessage confirmed, string confirmedPage) = await Web.SubmitAsync(confirmUrl);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("You are subscribed", confirmedPage, StringComparison.Ordinal);
        Assert.Contains("Your digest comes every day after 07:00 (Europe/Berlin).", confirmedPage, StringComparison.Ordinal);
        Assert.Equal(["active"], await Workspace.QueryAsync<string>("SELECT status FROM subscribers"));

        // A digest is sent, with RFC 8058 headers.
        CliResult sent = await Workspace.RunAsync("send-due");
        Assert.True(sent.ExitCode == 0, sent.ToString());
        MimeMessage digest = await Mailbox.WaitForAsync(Smtp, m => (m.Subject ?? "").Contains("papers for you", StringComparison.Ordinal));
        Assert.Equal("List-Unsubscribe=One-Click", digest.Headers["List-Unsubscribe-Post"]);
        string oneClick = (digest.Headers["List-Unsubscribe"] ?? "").Trim('<', '>');

        // The provider's one-click POST: no cookies, no redirect, and harmless when repeated.
        using var provider = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
        using var body = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
        HttpResponseMessage first = await provider.PostAsync(new Uri(oneClick), body, TestContext.Current.CancellationToken);
        HttpResponseMessage again = await provider.PostAsync(new Uri(oneClick), body, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(["unsubscribed"], await Workspace.QueryAsync<string>("SELECT status FROM subscribers"));

        // Nothing more, ever.
        Workspace.Time.Advance(TimeSpan.FromDays(1));
        CliResult nextDay = await Workspace.RunAsync("send-due");
        Assert.Contains("nothing is due", nextDay.Out, StringComparison.Ordinal);
        Assert.Equal(2, Smtp.Received.Count(r => r.To.Contains("flow@example.com")));
    }

    [Theory]
    [InlineData("daily", "a daily digest", "Your digest comes every day after 07:00 (UTC).")]
    [InlineData("instant", "an instant digest", "Alerts come within minutes of a new paper that matches you strongly, and a daily digest of the rest after 07:00 (UTC).")]
    public async Task Confirmation_Says_What_Will_Be_Sent_When_Someone_Subscribes(string frequency, string phrase, string when)
    {
        // Arrange
        string email = $"{frequency}@example.com";

        // Act
        await Web.SubmitAsync("/", "/subscribe", ("email", email), ("keywords", "robots"), ("frequency", frequency), ("hour", "7"), ("timeZone", "UTC"));
        MimeMessage confirmation = await Mailbox.WaitForAsync(Smtp, m => m.To.Mailboxes.Any(a => a.Address == email));
        string confirmUrl = Assert.Single(Mailbox.Links(confirmation, 'c'));
        (_, string page, _) = await Web.GetPageAsync(confirmUrl);
        (_, string confirmedPage) = await Web.SubmitAsync(confirmUrl);

        // Assert: the mail and the page its link opens say the same, and the confirmed page says when mail comes.
        Assert.Contains($"send {email} {phrase} of new research papers about: robots.", confirmation.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Confirm that {email} should get {phrase} of papers about: robots.", page, StringComparison.Ordinal);
        Assert.Contains(when, confirmedPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneClick_Unsubscribes_When_The_Provider_Posts_Multipart()
    {
        // Arrange
        await Workspace.RunAsync("subscribers", "add", "multi@example.com", "--keywords", "segmentation", "--timezone", "UTC");
        await Workspace.RunAsync("send-due");
        MimeMessage digest = await Mailbox.WaitForAsync(Smtp, m => m.To.Mailboxes.Any(a => a.Address == "multi@example.com"));
        string oneClick = (digest.Headers["List-Unsubscribe"] ?? "").Trim('<', '>');

        // Act
        using var provider = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
        using var body = new MultipartFormDataContent { { new StringContent("One-Click"), "List-Unsubscribe" } };
        HttpResponseMessage response = await provider.PostAsync(new Uri(oneClick), body, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["unsubscribed"], await Workspace.QueryAsync<string>("SELECT status FROM subscribers"));
    }

    [Fact]
    public async Task Subscribe_Answers_The_Same_Whether_Or_Not_The_Address_Is_Known()
    {
        // Arrange
        await Workspace.RunAsync("subscribers", "add", "known@example.com", "--keywords", "robots");

        // Act
        (HttpResponseMessage known, string knownPage) = await Web.SubmitAsync("/", "/subscribe", ("email", "known@example.com"), ("keywords", "robots"), ("timeZone", "UTC"));
        (HttpResponseMessage unknown, string unknownPage) = await Web.SubmitAsync("/", "/subscribe", ("email", "unknown@example.com"), ("keywords", "robots"), ("timeZone", "UTC"));

        // Assert: the same page for both; only the mailboxes learn the difference.
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(knownPage, unknownPage);
        MimeMessage notice = await Mailbox.WaitForAsync(Smtp, m => m.Subject == "Your Paperboy subscription" && m.To.Mailboxes.Any(a => a.Address == "known@example.com"));
        Assert.Equal("Your Paperboy subscription", notice.Subject);
        Assert.Single(Mailbox.Links(notice, 'p'));
        Assert.Equal(["active", "pending"], await Workspace.QueryAsync<string>("SELECT status FROM subscribers ORDER BY email"));
    }

    public sealed class OnSqlite() : SubscriptionFlowTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : SubscriptionFlowTests(postgres);
}
