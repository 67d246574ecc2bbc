using MimeKit;

namespace Paperboy.Scheduler;

/// <summary>Delivers messages; a session may carry many messages over one connection.</summary>
public interface IMailTransport
{
    /// <summary>How many sessions may send at once; the dispatcher runs that many workers.</summary>
    int MaxSessions => 1;

    Task<IMailSession> OpenAsync(CancellationToken cancellationToken);
}

public interface IMailSession : IAsyncDisposable
{
    /// <summary>Delivers one message and returns where it went (a file, a server's reply), for the log.</summary>
    Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
