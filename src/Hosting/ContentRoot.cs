namespace Paperboy.Hosting;

/// <summary>
/// Finds the folder that relative paths (database, outbox, samples) and appsettings.json resolve against.
/// </summary>
/// <remarks>
/// In a checkout that is the repository root, wherever the process was started from, so
/// <c>dotnet run --project src</c> and <c>dotnet test</c> share one data folder; in a published
/// build it is the application's own folder.
/// </remarks>
public static class ContentRoot
{
    public const string Marker = "Paperboy.slnx";

    public static string Locate()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("PAPERBOY_CONTENT_ROOT");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        return FindMarkerAbove(AppContext.BaseDirectory)
            ?? FindMarkerAbove(Directory.GetCurrentDirectory())
            ?? AppContext.BaseDirectory;
    }

    private static string? FindMarkerAbove(string start)
    {
        for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, Marker)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
