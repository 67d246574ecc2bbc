using Microsoft.AspNetCore.Builder;
using Paperboy.Hosting;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Hosting;

public sealed class ConfigurationErrorTests : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero));

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task RunPaperboyAsync_Names_The_Setting_When_A_Command_Meets_A_Value_Of_The_Wrong_Type()
    {
        // Arrange
        _workspace.Settings["Mail:Smtp:Port"] = "abc";

        // Act
        CliResult result = await _workspace.RunAsync("outbox", "status");

        // Assert
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("error: configuration: Failed to convert configuration value 'abc' at 'Mail:Smtp:Port'", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task RunAsync_Names_The_Setting_When_It_Cannot_Be_Read_While_The_App_Is_Composed()
    {
        // Arrange: the provider is read while services are registered, before any command runs.
        _workspace.Settings["Database:Provider"] = "Oracle";
        using var output = new StringWriter();
        using var error = new StringWriter();

        // Act
        int exitCode = await PaperboyCommandLine.RunAsync(["migrate"], a => Program.Build(a, _workspace.Settings), output, error);

        // Assert
        Assert.Equal(ExitCodes.Error, exitCode);
        Assert.Contains("'Oracle' at 'Database:Provider'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Use one of: Sqlite, Postgres.", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(_workspace.DatabasePath), "nothing may be created from a configuration that was refused");
    }

    [Theory]
    [InlineData("Mail:Smtp:Port", "0", "error: configuration: Mail:Smtp:Port must be between 1 and 65535.")]
    [InlineData("Mail:Smtp:Host", "", "error: configuration: Mail:Smtp:Host is required.")]
    [InlineData("Scheduler:PlanBatchSize", "0", "error: configuration: Scheduler:PlanBatchSize must be between 1 and 5000.")]
    [InlineData("Feeds:ArxivApiUrl", "ftp://x", "error: configuration: Feeds:ArxivApiUrl must be an http(s) address")]
    public async Task RunPaperboyAsync_Names_The_Key_Not_The_Class_When_A_Value_Breaks_A_Rule(string key, string value, string message)
    {
        // Arrange
        _workspace.Settings[key] = value;

        // Act
        CliResult result = await _workspace.RunAsync("outbox", "status");

        // Assert
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("DataAnnotation", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Options", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mail:Smtp:Security", "Bogus", "Use one of: None, Auto, SslOnConnect, StartTls, StartTlsWhenAvailable.")]
    [InlineData("Scheduler:WeeklyDay", "Caturday", "Use one of: Sunday, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday.")]
    [InlineData("Mail:Transport", "Pigeon", "Use one of: Pickup, Smtp.")]
    public async Task RunPaperboyAsync_Lists_The_Allowed_Values_When_A_Choice_Is_Not_One_Of_Them(string key, string value, string choices)
    {
        // Arrange: the first two are enums of a library and of the runtime, not of Paperboy. Some sections are read
        // while the app is composed, so this goes through the same entry point as the binary.
        _workspace.Settings[key] = value;
        using var output = new StringWriter();
        using var error = new StringWriter();

        // Act
        int exitCode = await PaperboyCommandLine.RunAsync(["outbox", "status"], a => Program.Build(a, _workspace.Settings), output, error);

        // Assert
        Assert.Equal(ExitCodes.Error, exitCode);
        Assert.Contains($"error: configuration: Failed to convert configuration value '{value}' at '{key}'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(choices, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Scheduler:PlanBatchSize", "0", "Scheduler:PlanBatchSize must be between 1 and 5000")]
    [InlineData("Mail:Smtp:Port", "abc", "'abc' at 'Mail:Smtp:Port'")]
    [InlineData("Web:PublicBaseUrl", "ftp://example.com", "Web:PublicBaseUrl must be an absolute http(s) address of the site's root, without a path, query or fragment")]
    public async Task RunPaperboyAsync_Ends_The_Service_With_The_Message_When_The_Configuration_Is_Invalid(string key, string value, string message)
    {
        // Arrange
        _workspace.Settings["Urls"] = "http://127.0.0.1:0";
        _workspace.Settings[key] = value;
        await using WebApplication app = Program.Build([], _workspace.Settings);
        using var error = new StringWriter();

        // Act: no command, so this is the service starting.
        int exitCode = await app.RunPaperboyAsync([], TextWriter.Null, error).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(ExitCodes.Error, exitCode);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }
}
