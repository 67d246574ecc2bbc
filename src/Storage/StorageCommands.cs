using System.CommandLine;
using Paperboy.Hosting;

namespace Paperboy.Storage;

public static class StorageCommands
{
    public static Command Create(IServiceProvider services)
    {
        var migrate = new Command("migrate", "Create the database or bring its schema up to date.");
        CliAction.Set(migrate, services, async (_, console, _) =>
        {
            await console.Out.WriteLineAsync($"database ready: {services.GetRequiredService<ConnectionFactory>().Description}");
            return ExitCodes.Success;
        });
        return migrate;
    }
}
