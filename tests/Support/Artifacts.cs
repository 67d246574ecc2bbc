namespace Paperboy.Tests.Support;

/// <summary>Files tests leave for people to look at (screenshots, received golden files): bin/…/artifacts/KIND.</summary>
public static class Artifacts
{
    public static string Directory(string kind) =>
        System.IO.Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts", kind)).FullName;
}
