using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Paperboy.Storage;

namespace Paperboy.Papers;

public sealed class PaperStore(SqliteConnectionFactory connections, TimeProvider time)
{
    /// <summary>Stores each paper once: a paper already known by key or by title is updated, not added again.</summary>
    public async Task<UpsertCounts> UpsertAsync(IReadOnlyList<IncomingPaper> papers, string source, CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        string now = UtcText.From(time.GetUtcNow());
        int inserted = 0, updated = 0, unchanged = 0;
        List<IncomingPaper> distinct = LastOfEach(papers);
        foreach (IncomingPaper paper in distinct)
        {
            string titleKey = PaperIdentity.NormalizeTitle(paper.Title);
            PaperRow? existing = await connection.QueryFirstOrDefaultAsync<PaperRow>(new CommandDefinition(
                """
                SELECT id, paper_key AS Key, title, abstract, authors, url, published_at AS PublishedAt, upvotes
                FROM papers
                WHERE paper_key = @Key OR title_key = @TitleKey
                ORDER BY paper_key = @Key DESC
                LIMIT 1
                """,
                new { paper.Key, TitleKey = titleKey },
                transaction,
                cancellationToken: cancellationToken));

            string authors = JsonSerializer.Serialize(paper.Authors);
            string? published = paper.PublishedAt is { } p ? UtcText.From(p) : null;
            if (existing is null)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO papers (paper_key, title_key, title, abstract, authors, url, published_at, upvotes, source, ingested_at, updated_at)
                    VALUES (@Key, @TitleKey, @Title, @Abstract, @Authors, @Url, @Published, @Upvotes, @Source, @Now, @Now)
                    """,
                    new { paper.Key, TitleKey = titleKey, paper.Title, paper.Abstract, Authors = authors, paper.Url, Published = published, paper.Upvotes, Source = source, Now = now },
                    transaction,
                    cancellationToken: cancellationToken));
                inserted++;
                continue;
            }

            // A later fetch may know more (authors, a link, fresh upvotes) but never erases what was known.
            var merged = new PaperRow
            {
                Id = existing.Id,
                Key = existing.Key,
                Title = paper.Title,
                Abstract = paper.Abstract,
                Authors = paper.Authors.Count > 0 ? authors : existing.Authors,
                Url = paper.Url ?? existing.Url,
                PublishedAt = published ?? existing.PublishedAt,
                Upvotes = paper.Upvotes ?? existing.Upvotes,
            };
            if (merged == existing)
            {
                unchanged++;
                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE papers
                SET title = @Title, abstract = @Abstract, authors = @Authors, url = @Url, published_at = @PublishedAt,
                    upvotes = @Upvotes, title_key = @TitleKey, updated_at = @Now
                WHERE id = @Id
                """,
                new { merged.Title, merged.Abstract, merged.Authors, merged.Url, merged.PublishedAt, merged.Upvotes, TitleKey = titleKey, Now = now, merged.Id },
                transaction,
                cancellationToken: cancellationToken));
            updated++;
        }

        await transaction.CommitAsync(cancellationToken);
        return new UpsertCounts(inserted, updated, unchanged, papers.Count - distinct.Count);
    }

    /// <summary>
    /// One copy of each paper in the batch, the last one (a later line is the newer version), so that
    /// storing the same file twice changes nothing the second time.
    /// </summary>
    private static List<IncomingPaper> LastOfEach(IReadOnlyList<IncomingPaper> papers)
    {
        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        var seenTitles = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<IncomingPaper>(papers.Count);
        for (int i = papers.Count - 1; i >= 0; i--)
        {
            IncomingPaper paper = papers[i];
            bool newKey = seenKeys.Add(paper.Key);
            bool newTitle = seenTitles.Add(PaperIdentity.NormalizeTitle(paper.Title));
            if (newKey && newTitle)
            {
                kept.Add(paper);
            }
        }

        kept.Reverse();
        return kept;
    }

    public async Task<IReadOnlyList<Paper>> ListAsync(CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = await connections.OpenAsync(cancellationToken);
        IEnumerable<PaperRow> rows = await connection.QueryAsync<PaperRow>(new CommandDefinition(
            """
            SELECT id, paper_key AS Key, title, abstract, authors, url, published_at AS PublishedAt, upvotes
            FROM papers
            ORDER BY id
            """,
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToPaper())];
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM papers", cancellationToken: cancellationToken));
    }

    private sealed record PaperRow
    {
        public long Id { get; init; }

        public string Key { get; init; } = "";

        public string Title { get; init; } = "";

        public string Abstract { get; init; } = "";

        public string Authors { get; init; } = "[]";

        public string? Url { get; init; }

        public string? PublishedAt { get; init; }

        public int? Upvotes { get; init; }

        public Paper ToPaper() => new(
            Id,
            Key,
            Title,
            Abstract,
            JsonSerializer.Deserialize<List<string>>(Authors) ?? [],
            Url,
            PublishedAt is null ? null : UtcText.Parse(PublishedAt),
            Upvotes);
    }
}
