using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text.RegularExpressions;
using MimeKit;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Inbound;

/// <summary>
/// The inbound mailbox end to end: digests really sent (pickup transport), reports and replies put into a real
/// Dovecot mailbox, and <c>inbound poll</c> reading it over IMAP or POP3.
/// </summary>
public abstract partial class InboundMailboxTests(PostgresServer? postgres) : IDisposable
{
    private const string Reader = "reader@example.com";
    private const string Other = "other@example.com";
    private const string UnsubscribeAddress = "unsubscribe@paperboy.example";

    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), postgres);

    public void Dispose()
    {
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData("imap")]
    [InlineData("pop3")]
    public async Task Poll_Suppresses_The_Address_And_SendDue_Skips_It_When_A_Dsn_Reports_A_Hard_Bounce(string protocol)
    {
        // Arrange
        await using TestDovecot dovecot = await InboundSetup.StartDovecotAsync(_workspace, protocol);
        MimeMessage digest = await SendDigestsAsync();
        await dovecot.AppendAsync(ReportMessages.PostfixDsn(
            digest, Reader, "failed", "5.1.1", "550 5.1.1 <reader@example.com>: Recipient address rejected: User unknown in virtual mailbox table"));

        // Act
        CliResult poll = await _workspace.RunAsync("inbound", "poll");
        CliResult again = await _workspace.RunAsync("inbound", "poll");
        _workspace.Time.Advance(TimeSpan.FromDays(1));
        CliResult nextDay = await _workspace.RunAsync("send-due");

        // Assert
        Assert.True(poll.ExitCode == 0, poll.ToString());
        Assert.Contains("hard bounces: 1,", poll.Out, StringComparison.Ordinal);
        string reason = Assert.Single(await _workspace.QueryAsync<string>($"SELECT reason FROM suppressions WHERE email = '{Reader}'"));
        Assert.StartsWith("bounce: 5.1.1 smtp; 550 5.1.1", reason, StringComparison.Ordinal);
        Assert.Equal(0, await dovecot.CountAsync());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("hard bounces: 0, soft bounces: 0, complaints: 0, unsubscribes: 0, left alone: 0, failed: 0", again.Out, StringComparison.Ordinal);
        Assert.True(nextDay.ExitCode == 0, nextDay.ToString());
        string[] recipients = [.. Directory.GetFiles(_workspace.PickupDirectory, "*.eml").Select(f => MimeMessage.Load(f).To.Mailboxes.Single().Address)];
        Assert.Equal(1, recipients.Count(r => r == Reader));
        Assert.Equal(2, recipients.Count(r => r == Other));
        Assert.Contains(Other, nextDay.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Reader, nextDay.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_Suppresses_The_Address_We_Sent_To_When_A_Dsn_For_Our_Message_Names_A_Forwarded_Address()
    {
        // Arrange: the recipient's server forwarded the digest, and the forward target bounced it.
        await using TestDovecot dovecot = await InboundSetup.StartDovecotAsync(_workspace, "imap");
        MimeMessage digest = await SendDigestsAsync();
        await dovecot.AppendAsync(ReportMessages.PostfixDsn(digest, "reader.forward@elsewhere.example", "failed", "5.1.1", "550 5.1.1 User unknown"));

        // Act
        CliResult poll = await _workspace.RunAsync("inbound", "poll");

        // Assert
        Assert.True(poll.ExitCode == 0, poll.ToString());
        Assert.Equal([Reader], await _workspace.QueryAsync<string>("SELECT email FROM suppressions"));
    }

    [Theory]
    [InlineData("imap")]
    [InlineData("pop3")]
    public async Task Poll_Suppresses_Nothing_When_A_Dsn_Reports_A_Delay(string protocol)
    {
        // Arrange
        await using TestDovecot dovecot = await InboundSetup.StartDovecotAsync(_workspace, protocol);
        MimeMessage digest = await SendDigestsAsync();
        await dovecot.AppendAsync(ReportMessages.PostfixDsn(
            digest, Reader, "delayed", "4.4.1", "451 4.4.1 <reader@example.com>: Temporary lookup failure"));

        // Act
        CliResult poll = await _workspace.RunAsync("inbound", "poll");

        // Assert
        Assert.True(poll.ExitCode == 0, poll.ToString());
        Assert.Contains("hard bounces: 0, soft bounces: 1,", poll.Out, StringComparison.Ordinal);
        Assert.Equal(0, await _workspace.CountAsync("suppressions"));
        Assert.Equal(["active", "active"], await _workspace.QueryAsync<string>("SELECT status FROM subscribers ORDER BY id"));
        Assert.Equal(0, await dovecot.CountAsync());
    }

    [Theory]
    [InlineData("imap")]
    [InlineData("pop3")]
    public async Task Poll_Suppresses_The_Recipient_When_An_Arf_Abuse_Report_Returns_A_Digest_With_Its_To_Redacted(string protocol)
    {
        // Arrange
        await using TestDovecot dovecot = await InboundSetup.StartDovecotAsync(_workspace, protocol);
        MimeMessage digest = await SendDigestsAsync();
        await dovecot.AppendAsync(ReportMessages.ArfAbuseReport(digest));

        // Act
        CliResult poll = await _workspace.RunAsync("inbound", "poll");

        // Assert
        Assert.True(poll.ExitCode == 0, poll.ToString());
        Assert.Contains("complaints: 1,", poll.Out, StringComparison.Ordinal);
        Assert.Equal(["complaint: abuse report"], await _workspace.QueryAsync<string>($"SELECT reason FROM suppressions WHERE email = '{Reader}'"));
        Assert.Equal(1, await _workspace.CountAsync("suppressions"));
        Assert.Equal(0, await dovecot.CountAsync());
    }

    [Theory]
    [InlineData("imap")]
    [InlineData("pop3")]
    public async Task Poll_Unsubscribes_Once_When_A_Mail_To_The_Mailto_Of_List_Unsubscribe_Arrives(string protocol)
    {
        // Arrange
        await using TestDovecot dovecot = await InboundSetup.StartDovecotAsync(_workspace, protocol, UnsubscribeAddress);
        MimeMessage digest = await SendDigestsAsync();
        Match mailto = MailtoPattern().Match(digest.Headers[HeaderId.ListUnsubscribe] ?? "");
        Assert.True(mailto.Success, digest.Headers[HeaderId.ListUnsubscribe]);
        Assert.Equal(OneClickToken(digest), mailto.Groups["token"].Value);
        MimeMessage request = MailFromClient(Reader, mailto.Groups["address"].Value, Uri.UnescapeDataString(mailto.Groups["subject"].Value));
        await dovecot.AppendAsync(request);
        await dovecot.AppendAsync(request);

        // Act
        CliResult poll = await _workspace.RunAsync("inbound", "poll");
        CliResult again = await _workspace.RunAsync("inbound", "poll");

        // Assert
        Assert.True(poll.ExitCode == 0, poll.ToString());
        Assert.Contains("unsubscribes: 2,", poll.Out, StringComparison.Ordinal);
        Assert.Equal(["unsubscribed", "active"], await _workspace.QueryAsync<string>("SELECT status FROM subscribers ORDER BY id"));
        Assert.Equal(0, await _workspace.CountAsync("suppressions"));
        Assert.Equal(0, await dovecot.CountAsync());
        Assert.Contains("unsubscribes: 0, left alone: 0, failed: 0", again.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("imap")]
    [InlineData("pop3")]
    public async Task Poll_Changes_Nothing_When_An_Unsubscribe_Mail_Carries_A_Forged_Retargeted_Or_Other_Action_Token(string protocol)
    {
        // Arrange
        await using TestDovecot dovecot = await InboundSetup.StartDovecotAsync(_workspace, protocol, UnsubscribeAddress);
        MimeMessage digest = await SendDigestsAsync();
        string token = OneClickToken(digest);
        string preferences = PreferencesPattern().Match(digest.TextBody ?? "").Groups["token"].Value;
        long otherId = Assert.Single(await _workspace.QueryAsync<long>($"SELECT id FROM subscribers WHERE email = '{Other}'"));
        string[] subjects =
        [
            $"unsubscribe {Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(42))}",
            $"unsubscribe {Retarget(token, otherId)}",
            $"unsubscribe {preferences}",
            "unsubscribe",
        ];
        foreach (string subject in subjects)
        {
            await dovecot.AppendAsync(MailFromClient("attacker@example.net", UnsubscribeAddress, subject));
        }

        string before = await StateAsync();

        // Act
        CliResult poll = await _workspace.RunAsync("inbound", "poll");
        CliResult again = await _workspace.RunAsync("inbound", "poll");

        // Assert
        Assert.True(poll.ExitCode == 0, poll.ToString());
        Assert.Contains("unsubscribes: 0, left alone: 4, failed: 0", poll.Out, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync());
        Assert.Equal(["active", "active"], await _workspace.QueryAsync<string>("SELECT status FROM subscribers ORDER BY id"));
        Assert.Equal(4, await dovecot.CountAsync());
        Assert.Contains("left alone: 0, failed: 0", again.Out, StringComparison.Ordinal);
        Assert.Contains("4 still left alone", again.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("imap")]
    [InlineData("pop3")]
    public async Task Poll_Leaves_Auto_Replies_Garbage_And_Other_Reports_Alone_And_Succeeds(string protocol)
    {
        // Arrange
        await using TestDovecot dovecot = await InboundSetup.StartDovecotAsync(_workspace, protocol);
        MimeMessage digest = await SendDigestsAsync();
        await dovecot.AppendAsync(ReportMessages.VacationReply(Reader, "digest@paperboy.localhost"));
        foreach (byte[] garbage in ReportMessages.Garbage())
        {
            await dovecot.DeliverRawAsync(garbage);
        }

        await dovecot.AppendAsync(ReportMessages.ArfAbuseReport(digest, feedbackType: "not-spam"));
        MimeMessage strangerBounce = ReportMessages.PostfixDsn(digest, "stranger@example.org", "failed", "5.1.1", "550 5.1.1 unknown");
        ForgetMessageId(strangerBounce);
        await dovecot.AppendAsync(strangerBounce);
        string before = await StateAsync();

        // Act
        CliResult poll = await _workspace.RunAsync("inbound", "poll");
        CliResult again = await _workspace.RunAsync("inbound", "poll");

        // Assert
        Assert.True(poll.ExitCode == 0, poll.ToString());
        Assert.Contains("hard bounces: 0, soft bounces: 0, complaints: 0, unsubscribes: 0, left alone: 5, failed: 0", poll.Out, StringComparison.Ordinal);
        Assert.Contains("an automatic reply", poll.Out, StringComparison.Ordinal);
        Assert.Contains("not a readable message", poll.Out, StringComparison.Ordinal);
        Assert.Contains("a delivery report without recipients", poll.Out, StringComparison.Ordinal);
        Assert.Contains("feedback report of type 'not-spam'", poll.Out, StringComparison.Ordinal);
        Assert.Contains("stranger@example.org", poll.Out, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync());
        Assert.Equal(5, await dovecot.CountAsync());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("left alone: 0, failed: 0", again.Out, StringComparison.Ordinal);
    }

    /// <summary>Sends today's digests to <see cref="Reader"/> and <see cref="Other"/>; returns the one to <see cref="Reader"/>.</summary>
    private async Task<MimeMessage> SendDigestsAsync() => (await InboundSetup.SendDigestsAsync(_workspace, Reader, Other))[0];

    /// <summary>What an inbound message may change: subscribers, the suppression list, the outbox.</summary>
    private async Task<string> StateAsync() =>
        string.Join('\n', await _workspace.QueryAsync<string>(
            """
            SELECT 'subscriber ' || id || ' ' || email || ' ' || status || ' ' || updated_at FROM subscribers
            UNION ALL SELECT 'suppressed ' || email_hash || ' ' || reason FROM suppressions
            UNION ALL SELECT 'outbox ' || id || ' ' || state FROM outbox
            ORDER BY 1
            """));

    private static string OneClickToken(MimeMessage digest) =>
        OneClickPattern().Match(digest.Headers[HeaderId.ListUnsubscribe] ?? "").Groups["token"].Value;

    /// <summary>The same token with another subscriber's id written into it (its signature then no longer fits).</summary>
    private static string Retarget(string token, long subscriberId)
    {
        byte[] bytes = Base64Url.DecodeFromChars(token);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(2), subscriberId);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>What a mail client sends for a mailto: link: a plain message with the given subject.</summary>
    private static MimeMessage MailFromClient(string from, string to, string subject)
    {
        var message = new MimeMessage { Subject = subject, MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("client.example.com") };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new TextPart("plain") { Text = "This message was automatically generated by the mail client to unsubscribe." };
        return message;
    }

    /// <summary>A bounce for a message we never sent: its returned headers carry a Message-ID we do not know.</summary>
    private static void ForgetMessageId(MimeMessage dsn) =>
        Assert.IsType<MultipartReport>(dsn.Body).OfType<MessagePart>().Single().Message!.MessageId = "someone-else@elsewhere.example";

    [GeneratedRegex(@"<mailto:(?<address>[^?>]+)\?subject=(?<subject>unsubscribe%20(?<token>[A-Za-z0-9_-]{56}))>")]
    private static partial Regex MailtoPattern();

    [GeneratedRegex(@"/u/(?<token>[A-Za-z0-9_-]{56})>")]
    private static partial Regex OneClickPattern();

    [GeneratedRegex(@"/p/(?<token>[A-Za-z0-9_-]{56})")]
    private static partial Regex PreferencesPattern();

    public sealed class OnSqlite() : InboundMailboxTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : InboundMailboxTests(postgres);
}
