using System.Data.Common;
using Dapper;
using Paperboy.Storage;

namespace Paperboy.Papers;

public sealed class PaperStore(ConnectionFactory connections, TimeProvider time)
{
    private const string Columns =
        """
        id, paper_key AS Key, title, abstract, authors, url, published_at AS PublishedAt, upvotes, version, doi, categories,
        ai_summary AS AiSummary, ai_keywords AS AiKeywords, comments, github_repo AS GithubRepo, github_stars AS GithubStars
        """;

    /// <summary>
    /// The row an incoming paper (@Key, @Doi, @TitleKey) is already stored as: the row with its key, else one with
    /// its DOI or normalised title, preferring a row whose DOI agrees (both missing counts as agreeing), then the
    /// oldest. Two different arXiv ids are two papers even when their titles (or DOIs) agree. One indexed lookup per
    /// rule, joined by UNION ALL: an OR of the three makes both engines read the whole table for every paper, which
    /// made a large import quadratic.
    /// </summary>
    internal const string FindExistingSql =
        $"""
        SELECT {Columns}
        FROM (
            SELECT papers.*, 0 AS preference FROM papers WHERE paper_key = @Key
            UNION ALL
            SELECT papers.*, 1 AS preference FROM papers
            WHERE @Doi IS NOT NULL AND doi = @Doi
              AND NOT (paper_key LIKE 'arxiv:%' AND @Key LIKE 'arxiv:%')
            UNION ALL
            SELECT papers.*, CASE WHEN doi IS NOT DISTINCT FROM @Doi THEN 1 ELSE 2 END AS preference FROM papers
            WHERE title_key = @TitleKey
              AND NOT (paper_key LIKE 'arxiv:%' AND @Key LIKE 'arxiv:%')
        ) AS candidates
        ORDER BY preference, id
        LIMIT 1
        """;

    /// <summary>
    /// Stores each paper once: a paper already known by key, DOI or title is updated, not added again. Popularity
    /// is refreshed on every call and its changes kept in <c>paper_popularity</c>; nothing else (the send log) is touched.
    /// </summary>
    public async Task<UpsertCounts> UpsertAsync(IReadOnlyList<IncomingPaper> papers, string source, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        string now = UtcText.From(time.GetUtcNow());
        int inserted = 0, updated = 0, unchanged = 0;
        var changedIds = new List<long>();
        List<IncomingPaper> distinct = LastOfEach(papers);
        foreach (IncomingPaper paper in distinct)
        {
            string titleKey = PaperIdentity.NormalizeTitle(paper.Title);
            PaperRow? existing = await connection.QueryFirstOrDefaultAsync<PaperRow>(new CommandDefinition(
                FindExistingSql, new { paper.Key, paper.Doi, TitleKey = titleKey }, transaction, cancellationToken: cancellationToken));

            PaperRow incoming = PaperRow.From(paper);
            if (existing is null)
            {
                long id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    """
                    INSERT INTO papers (paper_key, title_key, title, abstract, authors, url, published_at, upvotes, version, doi, categories,
                                        ai_summary, ai_keywords, comments, github_repo, github_stars, popularity_at, source, ingested_at, updated_at)
                    VALUES (@Key, @TitleKey, @Title, @Abstract, @Authors, @Url, @PublishedAt, @Upvotes, @Version, @Doi, @Categories,
                            @AiSummary, @AiKeywords, @Comments, @GithubRepo, @GithubStars, @PopularityAt, @Source, @Now, @Now)
                    RETURNING id
                    """,
                    new
                    {
                        incoming.Key,
                        TitleKey = titleKey,
                        incoming.Title,
                        incoming.Abstract,
                        incoming.Authors,
                        incoming.Url,
                        incoming.PublishedAt,
                        incoming.Upvotes,
                        incoming.Version,
                        incoming.Doi,
                        incoming.Categories,
                        incoming.AiSummary,
                        incoming.AiKeywords,
                        incoming.Comments,
                        incoming.GithubRepo,
                        incoming.GithubStars,
                        PopularityAt = paper.HasPopularity ? now : null,
                        Source = source,
                        Now = now,
                    },
                    transaction,
                    cancellationToken: cancellationToken));
                await RecordPopularityAsync(connection, transaction, id, paper, source, now, cancellationToken);
                changedIds.Add(id);
                inserted++;
                continue;
            }

            PaperRow merged = existing.MergeWith(incoming);
            if (merged == existing)
            {
                unchanged++;
                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE papers
                SET paper_key = @Key, title = @Title, abstract = @Abstract, authors = @Authors, url = @Url, published_at = @PublishedAt,
                    upvotes = @Upvotes, version = @Version, doi = @Doi, categories = @Categories, ai_summary = @AiSummary,
                    ai_keywords = @AiKeywords, comments = @Comments, github_repo = @GithubRepo, github_stars = @GithubStars,
                    popularity_at = CASE WHEN @PopularityChanged THEN @Now ELSE popularity_at END,
                    title_key = @TitleKey, updated_at = @Now
                WHERE id = @Id
                """,
                new
                {
                    merged.Key,
                    merged.Title,
                    merged.Abstract,
                    merged.Authors,
                    merged.Url,
                    merged.PublishedAt,
                    merged.Upvotes,
                    merged.Version,
                    merged.Doi,
                    merged.Categories,
                    merged.AiSummary,
                    merged.AiKeywords,
                    merged.Comments,
                    merged.GithubRepo,
                    merged.GithubStars,
                    PopularityChanged = !merged.SamePopularity(existing),
                    TitleKey = PaperIdentity.NormalizeTitle(merged.Title),
                    Now = now,
                    merged.Id,
                },
                transaction,
                cancellationToken: cancellationToken));
            if (!merged.SamePopularity(existing))
            {
                await RecordPopularityAsync(connection, transaction, merged.Id, paper, source, now, cancellationToken);
            }

            if (!merged.SameContent(existing))
            {
                changedIds.Add(merged.Id);
            }

            updated++;
        }

        await transaction.CommitAsync(cancellationToken);
        return new UpsertCounts(inserted, updated, unchanged, papers.Count - distinct.Count) { NewOrChangedIds = changedIds };
    }

    private static async Task RecordPopularityAsync(
        DbConnection connection, DbTransaction transaction, long paperId, IncomingPaper paper, string source, string now, CancellationToken cancellationToken)
    {
        if (!paper.HasPopularity)
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO paper_popularity (paper_id, observed_at, upvotes, comments, github_stars, source)
            SELECT id, @Now, upvotes, comments, github_stars, @Source FROM papers WHERE id = @PaperId
            ON CONFLICT (paper_id, observed_at) DO UPDATE
            SET upvotes = excluded.upvotes, comments = excluded.comments, github_stars = excluded.github_stars, source = excluded.source
            """,
            new { PaperId = paperId, Now = now, Source = source },
            transaction,
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// One copy of each paper in the batch, the last one (a later line is the newer version), so that
    /// storing the same file twice changes nothing the second time.
    /// </summary>
    private static List<IncomingPaper> LastOfEach(IReadOnlyList<IncomingPaper> papers)
    {
        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        var seenTitles = new Dictionary<string, string>(StringComparer.Ordinal);
        var kept = new List<IncomingPaper>(papers.Count);
        for (int i = papers.Count - 1; i >= 0; i--)
        {
            IncomingPaper paper = papers[i];
            string title = PaperIdentity.NormalizeTitle(paper.Title);
            bool sameTitleSamePaper = seenTitles.TryGetValue(title, out string? keptKey) && !(IsArxiv(keptKey) && IsArxiv(paper.Key));
            if (seenKeys.Add(paper.Key) && !sameTitleSamePaper)
            {
                seenTitles.TryAdd(title, paper.Key);
                kept.Add(paper);
            }
        }

        kept.Reverse();
        return kept;

        static bool IsArxiv(string key) => key.StartsWith("arxiv:", StringComparison.Ordinal);
    }

    public async Task<IReadOnlyList<Paper>> ListAsync(CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        IEnumerable<PaperRow> rows = await connection.QueryAsync<PaperRow>(new CommandDefinition(
            $"SELECT {Columns} FROM papers ORDER BY id",
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToPaper())];
    }

    /// <summary>The newest <paramref name="latest"/> papers (by id) and the papers in <paramref name="ids"/>, each once, by id.</summary>
    public async Task<IReadOnlyList<Paper>> ListLatestAndAsync(int latest, IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        var rows = new Dictionary<long, PaperRow>();
        foreach (PaperRow row in await connection.QueryAsync<PaperRow>(new CommandDefinition(
            $"SELECT {Columns} FROM papers ORDER BY id DESC LIMIT @Latest", new { Latest = latest }, cancellationToken: cancellationToken)))
        {
            rows[row.Id] = row;
        }

        foreach (long[] chunk in ids.Where(id => !rows.ContainsKey(id)).Distinct().Chunk(500))
        {
            foreach (PaperRow row in await connection.QueryAsync<PaperRow>(new CommandDefinition(
                $"SELECT {Columns} FROM papers WHERE id {connections.AnyOf("Ids")}", new { Ids = chunk }, cancellationToken: cancellationToken)))
            {
                rows[row.Id] = row;
            }
        }

        return [.. rows.Values.OrderBy(r => r.Id).Select(r => r.ToPaper())];
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM papers", cancellationToken: cancellationToken));
    }
}
