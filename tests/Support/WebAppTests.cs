namespace Paperboy.Tests.Support;

/// <summary>
/// Base of the tests that need the whole service: the app on Kestrel at 127.0.0.1, a real SMTP server it sends
/// to, and a temporary workspace whose catalog holds the sample corpus (in PostgreSQL when given a server).
/// </summary>
public abstract class WebAppTests(PostgresServer? postgres = null) : Xunit.IAsyncLifetime
{
    protected TestWorkspace Workspace { get; } = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), postgres);

    protected TestSmtpServer Smtp { get; private set; } = null!;

    protected TestWebApp Web { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Smtp = await TestSmtpServer.StartAsync();
        Workspace.UseSmtp(Smtp);
        Web = await TestWebApp.StartAsync(Workspace);
        await Workspace.RunAsync("papers", "ingest", TestWorkspace.SampleCorpus);
    }

    public async ValueTask DisposeAsync()
    {
        await Web.DisposeAsync();
        await Smtp.DisposeAsync();
        Workspace.Dispose();
        GC.SuppressFinalize(this);
    }
}
