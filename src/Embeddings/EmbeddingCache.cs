using System.Security.Cryptography;
using System.Text;

namespace Paperboy.Embeddings;

/// <summary>
/// Embeddings on disk, keyed by the SHA-256 of the model name and the exact text embedded, so a changed
/// text or model is embedded again and an unchanged one never is. One append-only file of fixed-size records
/// (32-byte key, then the vector); a record cut short by a crash is ignored on the next load.
/// </summary>
public sealed class EmbeddingCache
{
    private readonly string _path;
    private readonly int _dimensions;
    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);

    public EmbeddingCache(string path, int dimensions)
    {
        _path = path;
        _dimensions = dimensions;
        if (!File.Exists(path))
        {
            return;
        }

        int recordSize = 32 + (dimensions * sizeof(float));
        byte[] bytes = File.ReadAllBytes(path);
        for (int offset = 0; offset + recordSize <= bytes.Length; offset += recordSize)
        {
            string key = Convert.ToHexString(bytes, offset, 32);
            _vectors[key] = [.. System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes.AsSpan(offset + 32, dimensions * sizeof(float)))];
        }
    }

    public int Count => _vectors.Count;

    /// <summary>
    /// Creates the file's folder and opens the file for appending (creating it empty), so that a path that cannot be
    /// written fails before the embedding work, not when its results are saved.
    /// </summary>
    /// <exception cref="IOException">When the path is a folder, or the file or its folder cannot be created or written.</exception>
    /// <exception cref="UnauthorizedAccessException">When permissions forbid it.</exception>
    public static void CheckWritable(string path)
    {
        if (Directory.Exists(path))
        {
            throw new IOException("it is a folder, not a file");
        }

        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write);
    }

    public static string Key(string model, string text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(model + "\n" + text)));

    public float[]? Find(string key) => _vectors.GetValueOrDefault(key);

    /// <summary>Adds vectors to memory and appends them to the file.</summary>
    public void AddRange(IEnumerable<(string Key, float[] Vector)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(_path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write);
        foreach ((string key, float[] vector) in entries)
        {
            if (vector.Length != _dimensions || !_vectors.TryAdd(key, vector))
            {
                continue;
            }

            stream.Write(Convert.FromHexString(key));
            stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()));
        }
    }
}
