using System.Runtime.CompilerServices;
using Xunit;

namespace Paperboy.Tests.Support;

/// <summary>
/// Compares output with an approved file in tests/Templates/Golden. To approve a change on purpose, run
/// <c>PAPERBOY_APPROVE=1 dotnet test --filter GoldenFileTests</c> and review the diff in git.
/// </summary>
public static class Golden
{
    public static string Directory([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(here)!)!, "Templates", "Golden");

    public static void Verify(string name, string actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        string path = Path.Combine(Directory(), name);
        string normalised = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("PAPERBOY_APPROVE") == "1")
        {
            File.WriteAllText(path, normalised);
        }

        Assert.True(File.Exists(path), $"no approved file {path}; run with PAPERBOY_APPROVE=1 to create it");
        string approved = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (approved != normalised)
        {
            string received = Path.Combine(Artifacts.Directory("golden"), name);
            File.WriteAllText(received, normalised);
            int at = Enumerable.Range(0, Math.Min(approved.Length, normalised.Length)).FirstOrDefault(i => approved[i] != normalised[i], Math.Min(approved.Length, normalised.Length));
            Assert.Fail(
                $"{name} differs from the approved file at character {at}: approved \"{Excerpt(approved, at)}\", received \"{Excerpt(normalised, at)}\". " +
                $"The received file is {received}; if the change is intended, re-run with PAPERBOY_APPROVE=1.");
        }
    }

    private static string Excerpt(string text, int at) => text.Substring(Math.Max(0, at - 20), Math.Min(60, text.Length - Math.Max(0, at - 20)));
}
