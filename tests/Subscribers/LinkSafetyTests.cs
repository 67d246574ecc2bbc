using System.Buffers.Binary;
using System.Buffers.Text;
using System.Net;
using MimeKit;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Subscribers;

/// <summary>Links in emails are followed by scanners and can be guessed at: neither may change anything.</summary>
public abstract class LinkSafetyTests(PostgresServer? postgres) : WebAppTests(postgres)
{
    [Fact]
    public async Task Get_And_Head_Change_Nothing_When_Any_Link_Is_Followed()
    {
        // Arrange: a digest with every kind of link, and a pending sign-up with a confirmation link.
        await Workspace.RunAsync("subscribers", "add", "reader@example.com", "--keywords", "semantic segmentation", "--timezone", "UTC");
        await Workspace.RunAsync("send-due");
        MimeMessage digest = await Mailbox.WaitForAsync(Smtp, m => m.To.Mailboxes.Any(a => a.Address == "reader@example.com"));
        await Web.SubmitAsync("/", "/subscribe", ("email", "pending@example.com"), ("keywords", "robots"), ("timeZone", "UTC"));
        MimeMessage confirmation = await Mailbox.WaitForAsync(Smtp, m => m.To.Mailboxes.Any(a => a.Address == "pending@example.com"));
        List<string> links =
        [
            .. Mailbox.Links(digest, 'u'), .. Mailbox.Links(digest, 'p'), .. Mailbox.Links(digest, 'f'), .. Mailbox.Links(confirmation, 'c'),
        ];
        links.Add(Mailbox.Links(digest, 'p')[0] + "/delete");
        await Workspace.WaitForOutboxIdleAsync();
        Assert.Contains(links, l => l.Contains("/u/", StringComparison.Ordinal));
        Assert.Contains(links, l => l.Contains("/c/", StringComparison.Ordinal));
        Assert.True(links.Count(l => l.Contains("/f/", StringComparison.Ordinal)) >= 3, "more, less and mute links");
        string before = await Workspace.SnapshotAsync();

        // Act
        var statuses = new List<HttpStatusCode>();
        foreach (string link in links)
        {
            foreach (HttpMethod method in new[] { HttpMethod.Get, HttpMethod.Head })
            {
                using var request = new HttpRequestMessage(method, link);
                using HttpResponseMessage response = await Web.Client.SendAsync(request, TestContext.Current.CancellationToken);
                statuses.Add(response.StatusCode);
            }
        }

        // Assert
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(before, await Workspace.SnapshotAsync());
    }

    [Fact]
    public async Task Post_Changes_Nothing_When_The_Token_Is_Forged_Truncated_Or_For_Another_Action_Or_Subscriber()
    {
        // Arrange
        await Workspace.RunAsync("subscribers", "add", "alice@example.com", "--keywords", "segmentation", "--timezone", "UTC");
        await Workspace.RunAsync("subscribers", "add", "bob@example.com", "--keywords", "segmentation", "--timezone", "UTC");
        await Workspace.RunAsync("send-due");
        MimeMessage alice = await Mailbox.WaitForAsync(Smtp, m => m.To.Mailboxes.Any(a => a.Address == "alice@example.com"));
        string unsubscribe = Mailbox.Links(alice, 'u')[0];
        string token = unsubscribe[(unsubscribe.LastIndexOf('/') + 1)..];
        string root = Web.BaseAddress.ToString().TrimEnd('/');
        await Workspace.WaitForOutboxIdleAsync();
        string before = await Workspace.SnapshotAsync();

        string[] attempts =
        [
            $"{root}/u/{Flip(token, 30)}",                 // one character of the signature changed
            $"{root}/u/{token[..^4]}",                      // truncated
            $"{root}/u/{Retarget(token, subscriberId: 2)}", // Alice's token pointed at Bob
            $"{root}/u/{Retarget(token, action: 2)}",       // turned into a preferences token
            $"{root}/p/{token}",                            // an unsubscribe token on the preferences page
            $"{root}/u/not-a-token",
            $"{root}/u/{new string('!', 56)}",              // the right length, outside the alphabet
        ];

        // Act
        using var provider = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        foreach (string url in attempts)
        {
            using var body = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
            using HttpResponseMessage post = await provider.PostAsync(new Uri(url), body, TestContext.Current.CancellationToken);
            statuses.Add(post.StatusCode);
        }

        // Assert
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"got {s}"));
        Assert.Equal(before, await Workspace.SnapshotAsync());
        Assert.Equal(["active", "active"], await Workspace.QueryAsync<string>("SELECT status FROM subscribers"));
    }

    private static string Flip(string token, int index) =>
        string.Concat(token.AsSpan(0, index), token[index] == 'A' ? "B" : "A", token.AsSpan(index + 1));

    /// <summary>Rewrites the claim inside a genuine token but keeps its signature, as an attacker could.</summary>
    private static string Retarget(string token, long? subscriberId = null, byte? action = null)
    {
        byte[] bytes = Base64Url.DecodeFromChars(token);
        if (subscriberId is { } id)
        {
            BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(2), id);
        }

        if (action is { } a)
        {
            bytes[1] = a;
        }

        return Base64Url.EncodeToString(bytes);
    }

    public sealed class OnSqlite() : LinkSafetyTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : LinkSafetyTests(postgres);
}
