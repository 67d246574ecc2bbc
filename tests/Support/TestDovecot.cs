using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;
using Xunit;

namespace Paperboy.Tests.Support;

/// <summary>
/// A private Dovecot (Debian's <c>dovecot-imapd</c>/<c>dovecot-pop3d</c>) serving IMAP and POP3 on
/// 127.0.0.1 from a temp folder: its own config, passwd file, Maildir and log; stopped and deleted at the end.
/// Run as root it uses Debian's dovecot/dovenull users (Dovecot refuses to run its login and mail processes as
/// root); run as anyone else, every process runs as that user.
/// </summary>
public sealed class TestDovecot : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/dovecot";
    public const string User = "bounces";
    public const string Password = "test-secret";

    private readonly Process _process;
    private int _delivered;

    private TestDovecot(string root, Process process, int imapPort, int pop3Port)
    {
        Root = root;
        _process = process;
        ImapPort = imapPort;
        Pop3Port = pop3Port;
    }

    public string Root { get; }

    public int ImapPort { get; }

    public int Pop3Port { get; }

    public string LogPath => Path.Combine(Root, "dovecot.log");

    /// <summary>Starts a fresh server with an empty mailbox, or skips the test when Dovecot is not installed.</summary>
    public static async Task<TestDovecot> StartAsync()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(Executable))
        {
            Assert.Skip("Dovecot is not installed (apt-get install dovecot-imapd dovecot-pop3d; .ci/run installs it)");
            throw new UnreachableException(); // Assert.Skip throws; this tells the platform analyzer so.
        }

        // A port chosen free can be taken by someone else before Dovecot binds it (another test's server, or an
        // outgoing connection's local port); then Dovecot exits, or worse, the probe reaches another instance.
        // So each attempt gets fresh ports and the greeting must be this instance's own.
        for (int attempt = 1; ; attempt++)
        {
            TestDovecot server = Launch();
            try
            {
                await server.WaitUntilListeningAsync();
                return server;
            }
            catch (Exception ex) when (attempt < 3 && ex is InvalidOperationException or IOException or TimeoutException)
            {
                await server.DisposeAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Puts a message into the mailbox with IMAP APPEND, as an MTA's delivery would.</summary>
    public async Task AppendAsync(MimeMessage message)
    {
        using ImapClient client = await ConnectAsync();
        await client.Inbox.AppendAsync(message, MessageFlags.None);
        await client.DisconnectAsync(true);
    }

    /// <summary>Delivers raw bytes straight into the Maildir (what APPEND cannot carry: bytes that are not a message).</summary>
    public async Task DeliverRawAsync(byte[] bytes)
    {
        // Logging in once creates the Maildir; a file in new/ is then a delivered message.
        await CountAsync();
        string name = $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.P{Environment.ProcessId}Q{Interlocked.Increment(ref _delivered)}.paperboy-test";
        string temporary = Path.Combine(Root, "mail", User, "tmp", name);
        await File.WriteAllBytesAsync(temporary, bytes);
        File.Move(temporary, Path.Combine(Root, "mail", User, "new", name));
    }

    /// <summary>How many messages the mailbox holds now (expunged ones gone).</summary>
    public async Task<int> CountAsync()
    {
        using ImapClient client = await ConnectAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        int count = client.Inbox.Count;
        await client.DisconnectAsync(true);
        return count;
    }

    /// <summary>Points the workspace's <c>Mail:Inbound</c> at this server.</summary>
    public void Configure(TestWorkspace workspace, string protocol, string unsubscribeAddress = "")
    {
        ArgumentNullException.ThrowIfNull(workspace);
        workspace.Settings["Mail:Inbound:Protocol"] = protocol;
        workspace.Settings["Mail:Inbound:Host"] = "127.0.0.1";
        workspace.Settings["Mail:Inbound:Port"] = (protocol == "pop3" ? Pop3Port : ImapPort).ToString(CultureInfo.InvariantCulture);
        workspace.Settings["Mail:Inbound:Security"] = "None";
        workspace.Settings["Mail:Inbound:Username"] = User;
        workspace.Settings["Mail:Inbound:Password"] = Password;
        workspace.Settings["Mail:Inbound:UnsubscribeAddress"] = unsubscribeAddress;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(Root, recursive: true);
    }

    private async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", ImapPort, SecureSocketOptions.None);
        await client.AuthenticateAsync(User, Password);
        return client;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static TestDovecot Launch()
    {
        string root = Directory.CreateTempSubdirectory("paperboy-dovecot-").FullName;
        // Dovecot's own users must reach the Maildir and the sockets below the temp folder.
        File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);
        string mail = Directory.CreateDirectory(Path.Combine(root, "mail")).FullName;
        File.SetUnixFileMode(mail, (UnixFileMode)0b111_111_111);
        File.WriteAllText(Path.Combine(root, "passwd"), $"{User}:{{PLAIN}}{Password}::::::\n");
        int imapPort = FreePort();
        int pop3Port = FreePort();
        string config = Path.Combine(root, "dovecot.conf");
        File.WriteAllText(config, Config(root, imapPort, pop3Port));

        var process = Process.Start(new ProcessStartInfo(Executable, ["-F", "-c", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("dovecot did not start");
        return new TestDovecot(root, process, imapPort, pop3Port);
    }

    private string Greeting => Path.GetFileName(Root);

    private async Task WaitUntilListeningAsync()
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(15);
        foreach (int port in new[] { ImapPort, Pop3Port })
        {
            while (true)
            {
                try
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync(IPAddress.Loopback, port);
                    using var reader = new StreamReader(probe.GetStream());
                    string? greeting = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(5));
                    if (greeting is null || !greeting.Contains(Greeting, StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException($"port {port} is served by another server: {greeting}");
                    }

                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
                {
                    await Task.Delay(50);
                }
                catch (SocketException ex)
                {
                    string log = File.Exists(LogPath) ? await File.ReadAllTextAsync(LogPath) : "";
                    throw new InvalidOperationException($"dovecot is not listening on {port}: {ex.Message}\n{log}\n{await _process.StandardError.ReadToEndAsync()}", ex);
                }
            }
        }
    }

    private static string Config(string root, int imapPort, int pop3Port)
    {
        bool isRoot = ProcessId("Uid") == 0;
        string user = isRoot ? "dovecot" : Environment.UserName;
        string mailUser = isRoot ? "uid=dovecot gid=dovecot" : $"uid={ProcessId("Uid")} gid={ProcessId("Gid")}";
        return $$"""
            protocols = imap pop3
            listen = 127.0.0.1
            base_dir = {{root}}/run
            state_dir = {{root}}/state
            instance_name = paperboy-test-{{Path.GetFileName(root)}}
            login_greeting = Dovecot test {{Path.GetFileName(root)}}
            log_path = {{root}}/dovecot.log
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain
            default_internal_user = {{user}}
            default_login_user = {{(isRoot ? "dovenull" : user)}}
            default_internal_group = {{(isRoot ? "dovecot" : GroupName(ProcessId("Gid")))}}
            first_valid_uid = 0
            mail_location = maildir:{{root}}/mail/%u
            passdb {
              driver = passwd-file
              args = scheme=PLAIN {{root}}/passwd
            }
            userdb {
              driver = static
              args = {{mailUser}} home={{root}}/mail/%u
            }
            service anvil {
              chroot =
            }
            service imap-login {
              chroot =
              inet_listener imap {
                address = 127.0.0.1
                port = {{imapPort}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service pop3-login {
              chroot =
              inet_listener pop3 {
                address = 127.0.0.1
                port = {{pop3Port}}
              }
              inet_listener pop3s {
                port = 0
              }
            }
            """;
    }

    /// <summary>The group's name (Dovecot's socket groups take names), from /etc/group.</summary>
    private static string GroupName(int gid) =>
        File.ReadLines("/etc/group").Select(l => l.Split(':')).FirstOrDefault(f => f.Length > 2 && f[2] == gid.ToString(CultureInfo.InvariantCulture))?[0]
            ?? gid.ToString(CultureInfo.InvariantCulture);

    /// <summary>The real uid or gid of this process, from /proc (no native calls needed).</summary>
    private static int ProcessId(string field) =>
        int.Parse(
            File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1],
            CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
