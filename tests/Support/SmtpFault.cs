namespace Paperboy.Tests.Support;

/// <summary>How <see cref="TestSmtpServer"/> answers one message's DATA.</summary>
public enum SmtpFault
{
    /// <summary>250: accepted and kept in <see cref="TestSmtpServer.Received"/>.</summary>
    None,

    /// <summary>451: a temporary failure; the sender should try again later.</summary>
    Transient,

    /// <summary>550: refused for good.</summary>
    Permanent,

    /// <summary>The whole message arrives, then the connection is cut before any reply (kept in <see cref="TestSmtpServer.Dropped"/>).</summary>
    Disconnect,
}
