using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Paperboy.Inbound;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Inbound;

public abstract class InboundRecoveryTests(PostgresServer? postgres) : IDisposable
{
    private const string Reader = "reader@example.com";

    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), postgres);

    public void Dispose()
    {
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData("imap")]
    [InlineData("pop3")]
    public async Task Poll_Deletes_Without_Processing_Again_When_The_Previous_Poll_Died_Before_Its_Deletions_Took_Effect(string protocol)
    {
        // Arrange: a poll whose session is lost after processing, before EXPUNGE / QUIT.
        await using TestDovecot dovecot = await InboundSetup.StartDovecotAsync(_workspace, protocol);
        MimeMessage digest = (await InboundSetup.SendDigestsAsync(_workspace, Reader))[0];
        await dovecot.AppendAsync(ReportMessages.PostfixDsn(digest, Reader, "failed", "5.1.1", "550 5.1.1 User unknown"));
        _workspace.ConfigureServices = services => services.AddSingleton<IInboundMailboxOpener>(
            provider => new DyingOpener(ActivatorUtilities.CreateInstance<InboundMailboxOpener>(provider)));
        CliResult died = await _workspace.RunAsync("inbound", "poll");
        Assert.Equal(1, died.ExitCode);
        Assert.Equal(1, await _workspace.CountAsync("suppressions"));
        Assert.Equal(1, await dovecot.CountAsync());
        // The operator lifts the suppression meanwhile: processing the bounce again would put it back.
        _workspace.ConfigureServices = null;
        Assert.Equal(0, (await _workspace.RunAsync("suppression", "remove", Reader)).ExitCode);

        // Act
        CliResult poll = await _workspace.RunAsync("inbound", "poll");

        // Assert
        Assert.True(poll.ExitCode == 0, poll.ToString());
        Assert.Contains("from earlier polls: 1 deleted now, 0 still left alone", poll.Out, StringComparison.Ordinal);
        Assert.Contains("hard bounces: 0,", poll.Out, StringComparison.Ordinal);
        Assert.Equal(0, await dovecot.CountAsync());
        Assert.Equal(0, await _workspace.CountAsync("suppressions"));
        Assert.Equal(0, await _workspace.CountAsync("inbound_messages"));
    }

    [Fact]
    public async Task Poll_Fails_With_A_Clear_Message_When_The_Mailbox_Cannot_Be_Reached()
    {
        // Arrange: nothing listens on the port of a server that was just stopped.
        TestDovecot dovecot = await InboundSetup.StartDovecotAsync(_workspace, "imap");
        await dovecot.DisposeAsync();

        // Act
        CliResult result = await _workspace.RunAsync("inbound", "poll");

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: Mail:Inbound: Imap 127.0.0.1:{dovecot.ImapPort}:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_Fails_With_A_Clear_Message_When_The_Password_Is_Wrong()
    {
        // Arrange
        await using TestDovecot dovecot = await InboundSetup.StartDovecotAsync(_workspace, "pop3");
        _workspace.Settings["Mail:Inbound:Password"] = "wrong";

        // Act
        CliResult result = await _workspace.RunAsync("inbound", "poll");

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: Mail:Inbound: Pop3 127.0.0.1:", result.Error, StringComparison.Ordinal);
        Assert.Contains("Authentication failed", result.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Poll_Fails_With_A_Clear_Message_When_Inbound_Is_Not_Configured()
    {
        // Act
        CliResult result = await _workspace.RunAsync("inbound", "poll");

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: Mail:Inbound is not configured", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "", "unsubscribe@paperboy.example", "Mail:Inbound:UnsubscribeAddress needs Mail:Inbound:Host")]
    [InlineData("127.0.0.1", "", "", "Mail:Inbound needs Username and Password with Host")]
    [InlineData("127.0.0.1", "secret", "Unsubscribe <unsubscribe@paperboy.example>", "is not a bare address")]
    public async Task Commands_Fail_With_A_Clear_Message_When_Inbound_Is_Misconfigured(string host, string password, string unsubscribe, string expected)
    {
        // Arrange
        _workspace.Settings["Mail:Inbound:Host"] = host;
        _workspace.Settings["Mail:Inbound:Username"] = "bounces";
        _workspace.Settings["Mail:Inbound:Password"] = password;
        _workspace.Settings["Mail:Inbound:UnsubscribeAddress"] = unsubscribe;

        // Act
        CliResult result = await _workspace.RunAsync("send-due");

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    /// <summary>Opens the real mailbox, but the session is lost when it should end: no EXPUNGE, no QUIT.</summary>
    private sealed class DyingOpener(IInboundMailboxOpener inner) : IInboundMailboxOpener
    {
        public async Task<IInboundMailbox> OpenAsync(CancellationToken cancellationToken) =>
            new DyingMailbox(await inner.OpenAsync(cancellationToken));
    }

    private sealed class DyingMailbox(IInboundMailbox inner) : IInboundMailbox
    {
        public string Name => inner.Name;

        public Task<IReadOnlyList<string>> KeysAsync(CancellationToken cancellationToken) => inner.KeysAsync(cancellationToken);

        public Task<MimeMessage> ReadAsync(string key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

        public Task CommitAsync(CancellationToken cancellationToken) => throw new IOException("the connection was lost");

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    public sealed class OnSqlite() : InboundRecoveryTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : InboundRecoveryTests(postgres);
}
