using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Scheduler;

public abstract class DkimTests(PostgresServer? postgres) : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), postgres);
    private readonly RSA _key = RSA.Create(2048);

    public void Dispose()
    {
        _key.Dispose();
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task SendDue_Signs_Digests_That_DkimVerifier_Accepts_When_Dkim_Is_Configured()
    {
        // Arrange
        _workspace.Settings["Mail:From"] = "Paperboy <digest@papers.example>";
        _workspace.Settings["Mail:Dkim:Domain"] = "papers.example";
        _workspace.Settings["Mail:Dkim:Selector"] = "pb2026";
        _workspace.Settings["Mail:Dkim:PrivateKeyPath"] = _workspace.WriteFile("dkim.pem", new string(PemEncoding.Write("RSA PRIVATE KEY", _key.ExportRSAPrivateKey())));
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        await _workspace.RunAsync("subscribers", "add", "signed@example.com", "--keywords", "segmentation", "--timezone", "UTC");

        // Act
        CliResult result = await _workspace.RunAsync("send-due");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        MimeMessage message = MimeMessage.Load(Assert.Single(Directory.GetFiles(_workspace.PickupDirectory, "*.eml")), TestContext.Current.CancellationToken);
        Header signature = Assert.Single(message.Headers, h => h.Id == HeaderId.DkimSignature);
        Assert.Contains("d=papers.example", signature.Value, StringComparison.Ordinal);
        Assert.Contains("s=pb2026", signature.Value, StringComparison.Ordinal);
        string signedHeaders = signature.Value.Replace(" ", "", StringComparison.Ordinal).Replace("\r\n", "", StringComparison.Ordinal).Replace("\t", "", StringComparison.Ordinal);
        foreach (string header in new[] { "from", "subject", "date", "message-id", "list-unsubscribe", "list-unsubscribe-post", "list-id" })
        {
            Assert.Contains(header, signedHeaders, StringComparison.OrdinalIgnoreCase);
        }

        var verifier = new DkimVerifier(new FixedKeyLocator(_key));
        Assert.True(await verifier.VerifyAsync(message, signature, TestContext.Current.CancellationToken));

        message.Subject = "tampered";
        Assert.False(await verifier.VerifyAsync(message, signature, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SendDue_Signs_A_List_Unsubscribe_With_The_Mailto_When_An_Unsubscribe_Address_Is_Configured()
    {
        // Arrange
        _workspace.Settings["Mail:From"] = "Paperboy <digest@papers.example>";
        _workspace.Settings["Mail:Dkim:Domain"] = "papers.example";
        _workspace.Settings["Mail:Dkim:Selector"] = "pb2026";
        _workspace.Settings["Mail:Dkim:PrivateKeyPath"] = _workspace.WriteFile("dkim.pem", new string(PemEncoding.Write("RSA PRIVATE KEY", _key.ExportRSAPrivateKey())));
        // Sending never connects to the inbound mailbox, so no server is needed here.
        _workspace.Settings["Mail:Inbound:Host"] = "127.0.0.1";
        _workspace.Settings["Mail:Inbound:Username"] = "bounces";
        _workspace.Settings["Mail:Inbound:Password"] = "secret";
        _workspace.Settings["Mail:Inbound:UnsubscribeAddress"] = "unsubscribe@papers.example";
        await _workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
        await _workspace.RunAsync("subscribers", "add", "signed@example.com", "--keywords", "segmentation", "--timezone", "UTC");

        // Act
        CliResult result = await _workspace.RunAsync("send-due");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        MimeMessage message = MimeMessage.Load(Assert.Single(Directory.GetFiles(_workspace.PickupDirectory, "*.eml")), TestContext.Current.CancellationToken);
        Match header = Regex.Match(
            message.Headers[HeaderId.ListUnsubscribe] ?? "",
            @"^<http://localhost:5000/u/(?<token>[A-Za-z0-9_-]{56})>,\s*<mailto:unsubscribe@papers\.example\?subject=unsubscribe%20(?<mailto>[A-Za-z0-9_-]{56})>$");
        Assert.True(header.Success, message.Headers[HeaderId.ListUnsubscribe]);
        Assert.Equal(header.Groups["token"].Value, header.Groups["mailto"].Value);
        Header signature = Assert.Single(message.Headers, h => h.Id == HeaderId.DkimSignature);
        var verifier = new DkimVerifier(new FixedKeyLocator(_key));
        Assert.True(await verifier.VerifyAsync(message, signature, TestContext.Current.CancellationToken));

        // Dropping the mailto (or changing its token) breaks the signature.
        message.Headers[HeaderId.ListUnsubscribe] = $"<http://localhost:5000/u/{header.Groups["token"].Value}>";
        Assert.False(await verifier.VerifyAsync(message, signature, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Commands_Fail_With_A_Clear_Message_When_Dkim_Is_Half_Configured()
    {
        // Arrange
        _workspace.Settings["Mail:Dkim:Domain"] = "papers.example";

        // Act
        CliResult result = await _workspace.RunAsync("send-due");

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Mail:Dkim needs Domain, Selector and PrivateKeyPath together", result.Error, StringComparison.Ordinal);
    }

    /// <summary>Answers the DNS lookup of the selector with the test key, as its TXT record would.</summary>
    private sealed class FixedKeyLocator(RSA key) : DkimPublicKeyLocatorBase
    {
        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            GetPublicKey($"v=DKIM1; k=rsa; p={Convert.ToBase64String(key.ExportSubjectPublicKeyInfo())}");

        public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));
    }

    public sealed class OnSqlite() : DkimTests(null);

    public sealed class OnPostgres(PostgresServer postgres) : DkimTests(postgres);
}
