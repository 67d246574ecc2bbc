using Paperboy.Recommender;
using Paperboy.Tests.Recommender.Reference;
using Xunit;

namespace Paperboy.Tests.Recommender;

/// <summary>
/// The optimised ranker (per-thread buffers, keywords scored once per index, cached similarity rows) must
/// choose exactly what the straightforward one chose: same papers, same order, same scores and reasons.
/// </summary>
public sealed class PaperRankerEquivalenceTests
{
    public static TheoryData<string> Variants => ["default", "no threshold", "feedback", "cover liked papers", "diverse"];

    private static RankingOptions Options(string variant) => variant switch
    {
        "no threshold" => new() { MinRelevance = 0, Diversity = 1, Now = SyntheticDay.Now },
        "feedback" => new() { FeedbackCount = 5, Now = SyntheticDay.Now },
        "cover liked papers" => new() { CoverLikedPapers = true, Count = 7, Now = SyntheticDay.Now },
        "diverse" => new() { Diversity = 0.5, MinRelevance = 0.5, Now = SyntheticDay.Now },
        _ => new() { Now = SyntheticDay.Now },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Rank_Returns_The_Reference_Digest_When_Ranking_Many_Subscribers(string variant)
    {
        // Arrange: enough subscribers that similarity rows get cached part way through.
        var day = new SyntheticDay(papers: 300, seed: 7);
        RankingOptions options = Options(variant);

        // Act
        int[] sizes = [.. Enumerable.Range(0, 1_000).Select(n => Compare(day, n, options))];

        // Assert
        Assert.DoesNotContain(-1, sizes);
        Assert.True(sizes.Count(s => s > 0) > sizes.Length / 2, "most digests should carry papers, or the comparison says little");
        Assert.True(day.Index.CachedSimilarityRows > 0, "the cached similarity path was never exercised");
    }

    [Fact]
    public void Rank_Returns_The_Reference_Digest_When_The_Index_Has_Embeddings()
    {
        // Arrange
        var day = new SyntheticDay(papers: 200, seed: 11, embeddings: true);
        RankingOptions options = Options("default");

        // Act
        List<int> differing = [.. Enumerable.Range(0, 400).Where(n => Compare(day, n, options) < 0)];

        // Assert
        Assert.Empty(differing);
    }

    [Fact]
    public void Rank_Returns_The_Reference_Digest_When_Subscribers_Are_Ranked_On_Several_Threads()
    {
        // Arrange
        var day = new SyntheticDay(papers: 300, seed: 3);
        RankingOptions options = Options("default");
        var differing = new System.Collections.Concurrent.ConcurrentBag<int>();

        // Act: many small batches, so each thread's buffers serve interleaved subscribers.
        Parallel.For(0, 2_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, n =>
        {
            if (Compare(day, n, options) < 0)
            {
                differing.Add(n);
            }
        });

        // Assert
        Assert.Empty(differing);
    }

    [Fact]
    public void Rank_Returns_The_Reference_Digest_When_Consecutive_Indexes_Differ()
    {
        // Arrange: two days of different sizes ranked alternately on one thread (the buffers must follow).
        var small = new SyntheticDay(papers: 120, seed: 5);
        var large = new SyntheticDay(papers: 250, seed: 6);
        RankingOptions options = Options("no threshold");

        // Act
        List<int> differing = [.. Enumerable.Range(0, 200).Where(n => Compare(n % 2 == 0 ? small : large, n, options) < 0)];

        // Assert
        Assert.Empty(differing);
    }

    /// <summary>The digest's size when both rankers chose the same digest, else -1.</summary>
    private static int Compare(SyntheticDay day, int subscriber, RankingOptions options)
    {
        InterestProfile profile = day.Profile(subscriber);
        IReadOnlyList<Recommendation> expected = ReferenceRanker.Rank(day.Index, profile, options);
        IReadOnlyList<Recommendation> actual = PaperRanker.Rank(day.Index, profile, options);
        bool same = expected.Count == actual.Count && expected.Zip(actual).All(p =>
            p.First.Paper.Id == p.Second.Paper.Id
            && p.First.Score.Equals(p.Second.Score)
            && p.First.Relevance.Equals(p.Second.Relevance)
            && p.First.KeywordScore.Equals(p.Second.KeywordScore)
            && p.First.MatchedKeywords.SequenceEqual(p.Second.MatchedKeywords)
            && p.First.SimilarTo?.Id == p.Second.SimilarTo?.Id
            && p.First.TrendingUpvotes == p.Second.TrendingUpvotes
            && p.First.Reason == p.Second.Reason);
        return same ? actual.Count : -1;
    }
}
