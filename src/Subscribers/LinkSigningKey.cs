using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Paperboy.Hosting;
using Paperboy.Storage;

namespace Paperboy.Subscribers;

/// <summary>The key links are signed with: from configuration, else generated once and kept in a file only the service can read.</summary>
public sealed class LinkSigningKey(IOptions<LinkOptions> options, IOptions<DatabaseOptions> database, IHostEnvironment environment)
{
    private const int KeyBytes = 32;

    private readonly Lazy<byte[]> _key = new(() => Load(options.Value, database.Value, environment));

    public ReadOnlySpan<byte> Value => _key.Value;

    private static byte[] Load(LinkOptions options, DatabaseOptions database, IHostEnvironment environment)
    {
        if (options.SigningKey.Length > 0)
        {
            byte[] configured;
            try
            {
                configured = Convert.FromBase64String(options.SigningKey);
            }
            catch (FormatException ex)
            {
                throw new PaperboyException("Links:SigningKey is not base64", ex);
            }

            return configured.Length >= KeyBytes
                ? configured
                : throw new PaperboyException($"Links:SigningKey must be at least {KeyBytes} bytes; it has {configured.Length}");
        }

        string path = options.KeyFile.Length > 0
            ? Path.GetFullPath(options.KeyFile, environment.ContentRootPath)
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database.Path, environment.ContentRootPath))!, "link-signing.key");
        if (File.Exists(path))
        {
            byte[] stored = File.ReadAllBytes(path);
            return stored.Length >= KeyBytes ? stored : throw new PaperboyException($"{path} holds {stored.Length} bytes, not a link signing key");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        byte[] key = RandomNumberGenerator.GetBytes(KeyBytes);
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var stream = new FileStream(path, create);
            stream.Write(key);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs, so both sign alike.
            return File.ReadAllBytes(path);
        }
    }
}
