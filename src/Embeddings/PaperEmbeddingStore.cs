using System.Data.Common;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Paperboy.Storage;

namespace Paperboy.Embeddings;

/// <summary>
/// The <c>paper_embeddings</c> table: one float32 vector per paper and model, with the SHA-256 of the text it
/// was computed from.
/// </summary>
public sealed class PaperEmbeddingStore(ConnectionFactory connections, TimeProvider time)
{
    /// <summary>SQLite allows 999 parameters per statement in old builds; stay well below.</summary>
    private const int IdsPerStatement = 500;

    public static string TextHash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    /// <summary>Up to <paramref name="limit"/> papers without a vector for <paramref name="model"/>, newest first.</summary>
    public async Task<IReadOnlyList<PendingPaper>> PendingAsync(string model, int limit, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        // Newest first, so a scan meets the unembedded papers (the latest arrivals) before the embedded ones.
        return [.. await connection.QueryAsync<PendingPaper>(new CommandDefinition(
            """
            SELECT p.id, p.title, p.abstract
            FROM papers p
            WHERE NOT EXISTS (SELECT 1 FROM paper_embeddings e WHERE e.paper_id = p.id AND e.model = @Model)
            ORDER BY p.id DESC
            LIMIT @Limit
            """,
            new { Model = model, Limit = limit },
            cancellationToken: cancellationToken))];
    }

    public async Task<long> CountAsync(string model, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM paper_embeddings WHERE model = @Model", new { Model = model }, cancellationToken: cancellationToken));
    }

    /// <summary>Stores vectors in one transaction; a paper deleted meanwhile is skipped.</summary>
    public async Task SaveAsync(string model, IReadOnlyList<(long PaperId, string TextHash, float[] Vector)> vectors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        string now = UtcText.From(time.GetUtcNow());
        foreach ((long paperId, string hash, float[] vector) in vectors)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO paper_embeddings (paper_id, model, vector, text_hash, embedded_at)
                SELECT id, @Model, @Vector, @Hash, @Now FROM papers WHERE id = @PaperId
                ON CONFLICT (paper_id, model) DO UPDATE
                SET vector = excluded.vector, text_hash = excluded.text_hash, embedded_at = excluded.embedded_at
                """,
                new { PaperId = paperId, Model = model, Vector = MemoryMarshal.AsBytes(vector.AsSpan()).ToArray(), Hash = hash, Now = now },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Drops the vectors of these papers whose text is no longer the text embedded (a new version), so they
    /// are embedded again; a change that leaves title and abstract alone keeps its vector. Returns how many.
    /// </summary>
    public async Task<int> ForgetStaleAsync(IReadOnlyList<long> paperIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paperIds);
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        var stale = new List<(long PaperId, string Model)>();
        foreach (long[] chunk in paperIds.Chunk(IdsPerStatement))
        {
            IEnumerable<StoredText> rows = await connection.QueryAsync<StoredText>(new CommandDefinition(
                $"""
                SELECT p.id, e.model, e.text_hash AS TextHash, p.title, p.abstract
                FROM paper_embeddings e JOIN papers p ON p.id = e.paper_id
                WHERE e.paper_id {connections.AnyOf("Ids")}
                """,
                new { Ids = chunk },
                cancellationToken: cancellationToken));
            stale.AddRange(rows.Where(r => r.TextHash != TextHash(PaperEmbeddings.TextOf(r.Title, r.Abstract))).Select(r => (r.Id, r.Model)));
        }

        foreach ((long paperId, string model) in stale)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM paper_embeddings WHERE paper_id = @PaperId AND model = @Model",
                new { PaperId = paperId, Model = model },
                cancellationToken: cancellationToken));
        }

        return stale.Count;
    }

    /// <summary>
    /// The vectors the ranking uses: of papers stored since <paramref name="since"/>, and of every paper a
    /// subscriber liked or disliked (whenever it was stored).
    /// </summary>
    public async Task<Dictionary<long, float[]>> LoadForRankingAsync(string model, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        IEnumerable<(long PaperId, byte[] Vector)> rows = await connection.QueryAsync<(long, byte[])>(new CommandDefinition(
            """
            SELECT e.paper_id, e.vector
            FROM paper_embeddings e JOIN papers p ON p.id = e.paper_id
            WHERE e.model = @Model
              AND (p.ingested_at >= @Since OR e.paper_id IN (SELECT paper_id FROM subscriber_papers))
            """,
            new { Model = model, Since = UtcText.From(since) },
            cancellationToken: cancellationToken));
        var vectors = new Dictionary<long, float[]>();
        foreach ((long paperId, byte[] bytes) in rows)
        {
            vectors[paperId] = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        }

        return vectors;
    }

    /// <summary>The stored vectors of these papers (those that have one).</summary>
    public async Task<Dictionary<long, float[]>> LoadAsync(string model, IReadOnlyList<long> paperIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paperIds);
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        var vectors = new Dictionary<long, float[]>();
        foreach (long[] chunk in paperIds.Chunk(IdsPerStatement))
        {
            foreach ((long paperId, byte[] bytes) in await connection.QueryAsync<(long, byte[])>(new CommandDefinition(
                $"SELECT paper_id, vector FROM paper_embeddings WHERE model = @Model AND paper_id {connections.AnyOf("Ids")}",
                new { Model = model, Ids = chunk },
                cancellationToken: cancellationToken)))
            {
                vectors[paperId] = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
            }
        }

        return vectors;
    }

    private sealed record StoredText(long Id, string Model, string TextHash, string Title, string Abstract);
}
