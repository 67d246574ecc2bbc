namespace Paperboy.Storage;

/// <summary>Migrates the database before any other hosted service (the scheduler) starts.</summary>
public sealed class DatabaseMigrationService(DatabaseMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        migrator.Migrate();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
