using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Paperboy.Hosting;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Hosting;

public sealed class ServiceStartTests : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentQueue<(string Category, LogLevel Level)> _logged = new();
    private readonly TcpListener _taken = new(IPAddress.Loopback, 0);

    public ServiceStartTests()
    {
        _taken.Start();
        _workspace.ConfigureServices = services => services.AddLogging(logging => logging.AddProvider(new RecordingProvider(_logged)));
    }

    public void Dispose()
    {
        _taken.Dispose();
        _workspace.Dispose();
    }

    [Theory]
    [InlineData("port in use", "error: cannot start the web server: Failed to bind to address")]
    [InlineData("not a url", "error: cannot start the web server: Invalid url: 'notaurl'")]
    [InlineData("not a database", "error: cannot open the database")]
    [InlineData("bad setting", "error: configuration: Failed to convert configuration value 'abc' at 'Mail:Smtp:Port'")]
    public async Task RunPaperboyAsync_Ends_The_Service_With_One_Line_And_No_Logged_Stack_When_It_Cannot_Start(string problem, string message)
    {
        // Arrange
        string urls = $"http://127.0.0.1:{((IPEndPoint)_taken.LocalEndpoint).Port}";
        switch (problem)
        {
            case "port in use":
                break;
            case "not a url":
                urls = "notaurl";
                break;
            case "not a database":
                _workspace.Settings["Database:Path"] = _workspace.WriteFile("notes.db", "these are notes, not a database; SQLite reads the header and refuses it");
                urls = "http://127.0.0.1:0";
                break;
            default:
                _workspace.Settings["Mail:Smtp:Port"] = "abc";
                urls = "http://127.0.0.1:0";
                break;
        }

        // Act: no command, so this is the service starting.
        CliResult result = await _workspace.RunAsync("--urls", urls).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        string line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(message, line, StringComparison.Ordinal);
        Assert.DoesNotContain(_logged, e => e.Category.StartsWith("Microsoft.Extensions.Hosting", StringComparison.Ordinal) && e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Service_Process_Exits_1_Without_A_Stack_Trace_When_Its_Port_Is_In_Use()
    {
        // Arrange
        string urls = $"http://127.0.0.1:{((IPEndPoint)_taken.LocalEndpoint).Port}";

        // Act: the real binary; before the fix the unhandled exception aborted it (exit 134).
        using AppProcess service = AppProcess.Start(_workspace.Settings, "--urls", urls);
        await service.Process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        // Assert
        Assert.True(service.Process.ExitCode == ExitCodes.Error, service.Output);
        Assert.Equal(1, service.CountLines($"error: cannot start the web server: Failed to bind to address {urls}: address already in use."));
        Assert.Equal(0, service.CountLines("Exception"));
        Assert.Equal(0, service.CountLines("   at "));
    }

    private sealed class RecordingProvider(ConcurrentQueue<(string Category, LogLevel Level)> logged) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, logged);

        public void Dispose()
        {
        }
    }

    private sealed class Recorder(string category, ConcurrentQueue<(string Category, LogLevel Level)> logged) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logged.Enqueue((category, logLevel));
    }
}
