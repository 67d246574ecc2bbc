using MimeKit;
using Xunit;

namespace Paperboy.Tests.Support;

/// <summary>
/// The set-up the inbound mailbox tests share: a private Dovecot the workspace polls, and digests really sent
/// (pickup transport) whose bounces, reports and replies the tests then put into it.
/// </summary>
public static class InboundSetup
{
    /// <summary>Starts a private Dovecot (or skips the test without one) and points the workspace's <c>Mail:Inbound</c> at it.</summary>
    public static async Task<TestDovecot> StartDovecotAsync(TestWorkspace workspace, string protocol, string unsubscribeAddress = "")
    {
        ArgumentNullException.ThrowIfNull(workspace);
        TestDovecot dovecot = await TestDovecot.StartAsync();
        dovecot.Configure(workspace, protocol, unsubscribeAddress);
        return dovecot;
    }

    /// <summary>
    /// Ingests the sample corpus, subscribes each of <paramref name="emails"/> to "segmentation" in UTC and sends
    /// today's digests; returns the digest of each, in the order given.
    /// </summary>
    public static async Task<MimeMessage[]> SendDigestsAsync(TestWorkspace workspace, params string[] emails)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(emails);
        Assert.Equal(0, (await workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus)).ExitCode);
        foreach (string email in emails)
        {
            Assert.Equal(0, (await workspace.RunAsync("subscribers", "add", email, "--keywords", "segmentation", "--timezone", "UTC")).ExitCode);
        }

        CliResult sent = await workspace.RunAsync("send-due");
        Assert.True(sent.ExitCode == 0, sent.ToString());
        MimeMessage[] digests = [.. Directory.GetFiles(workspace.PickupDirectory, "*.eml").Select(f => MimeMessage.Load(f))];
        Assert.Equal(emails.Length, digests.Length);
        return [.. emails.Select(email => digests.Single(m => m.To.Mailboxes.Single().Address == email))];
    }
}
