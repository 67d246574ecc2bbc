using System.Collections.Concurrent;
using System.Diagnostics;

namespace Paperboy.Tests.Support;

/// <summary>
/// The real application binary as a separate OS process (<c>dotnet Paperboy.dll ARGS</c>; no arguments runs the
/// service), configured through environment variables from a workspace's settings. Keeps what it prints, so a test
/// can wait for a line or count log events; <see cref="Kill"/> is SIGKILL.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly ConcurrentQueue<string> _lines = new();

    private AppProcess(Process process) => Process = process;

    public Process Process { get; }

    public bool HasExited => Process.HasExited;

    public static AppProcess Start(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Paperboy.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach ((string key, string? value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var app = new AppProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start the child process"));
        // Drain the pipes so a chatty child never blocks on a full buffer.
        app.Process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        app.Process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        app.Process.BeginOutputReadLine();
        app.Process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Lines printed so far (stdout and stderr) that contain <paramref name="text"/>.</summary>
    public int CountLines(string text) => _lines.Count(l => l.Contains(text, StringComparison.Ordinal));

    public string Output => string.Join('\n', _lines);

    /// <summary>Waits until the process printed a line containing <paramref name="text"/>; false when it exited or time ran out first.</summary>
    public async Task<bool> WaitForLineAsync(string text, TimeSpan timeout, CancellationToken cancellationToken)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !Process.HasExited)
        {
            if (CountLines(text) > 0)
            {
                return true;
            }

            await Task.Delay(50, cancellationToken);
        }

        return CountLines(text) > 0;
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a machine losing power for this process.</summary>
    public void Kill()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        Process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }
}
