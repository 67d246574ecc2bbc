namespace Paperboy.Storage;

public static class StorageExtensions
{
    public static WebApplicationBuilder AddStorage(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ConnectionFactory>();
        builder.Services.AddSingleton<DatabaseMigrator>();
        builder.Services.AddSingleton<RuntimeState>();
        builder.Services.AddHostedService<DatabaseMigrationService>();
        return builder;
    }
}
