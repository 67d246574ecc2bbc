using System.ComponentModel.DataAnnotations;
using MailKit.Security;

namespace Paperboy.Scheduler;

public sealed class SmtpOptions
{
    public const string Section = "Mail:Smtp";

    [Required]
    public string Host { get; set; } = "localhost";

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>SMTP connections the dispatcher sends over in parallel; each is reused for many messages.</summary>
    [Range(1, 64)]
    public int Connections { get; set; } = 4;

    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;

    /// <summary>Empty for a server that needs no login. Set it from a secret store or the environment, not a committed file.</summary>
    public string Username { get; set; } = "";

    public string Password { get; set; } = "";
}
