using Paperboy.Papers;
using Paperboy.Recommender;
using Xunit;

namespace Paperboy.Tests.Recommender;

/// <summary>The ranking when only some papers have stored vectors (new ones not embedded yet, old ones never).</summary>
public sealed class PartialEmbeddingTests
{
    private const int Dimensions = 16;
    private static readonly RankingOptions Plain = new() { MinRelevance = 0, Diversity = 1, Count = 2 };

    private static Paper MakePaper(long id, string title, string abstractText, int? upvotes = null) =>
        new(id, $"id:{id}", title, abstractText, [], null, null, upvotes);

    private static float[] Unit(params (int Dimension, float Value)[] parts)
    {
        var v = new float[Dimensions];
        foreach ((int d, float value) in parts)
        {
            v[d] = value;
        }

        EmbeddingMath.Normalize(v);
        return v;
    }

    /// <summary>
    /// A liked paper (vector), a paper like it in meaning only (vector, no shared word), a paper like it in
    /// words only (no vector), and 60 unrelated fillers (vectors spread over the other dimensions).
    /// </summary>
    private static (List<Paper> Papers, List<float[]?> Vectors) Catalog()
    {
        var random = new Random(7);
        List<Paper> papers = [MakePaper(1, "Protein folding with attention", "Predicting protein folding from sequences with attention networks.")];
        List<float[]?> vectors = [Unit((0, 1f))];
        for (int i = 0; i < 60; i++)
        {
            papers.Add(MakePaper(10 + i, $"Filler topic {i}", $"Unrelated matter number {i} about tax law, rivers and medieval poetry."));
            vectors.Add(Unit((1 + random.Next(Dimensions - 1), 1f), (1 + random.Next(Dimensions - 1), (float)random.NextDouble())));
        }

        papers.Add(MakePaper(100, "Inferring three-dimensional shapes of amino acid chains", "A learned model recovers the geometry of molecules from residue order."));
        vectors.Add(Unit((0, 1f), (3, 0.2f)));
        papers.Add(MakePaper(101, "Protein folding revisited", "Protein folding with attention over sequences, again."));
        vectors.Add(null);
        return (papers, vectors);
    }

    [Fact]
    public void Rank_Finds_Papers_By_Vector_And_By_Words_When_Only_Some_Papers_Have_Vectors()
    {
        // Arrange
        (List<Paper> papers, List<float[]?> vectors) = Catalog();
        var index = new PaperIndex(papers, 2.0, vectors);
        var profile = new InterestProfile([], new HashSet<long>()) { Liked = [1] };

        // Act
        IReadOnlyList<Recommendation> result = PaperRanker.Rank(index, profile, Plain);

        // Assert: the meaning-only match comes through its vector, the words-only one through the lexical fallback.
        Assert.True(index.HasEmbeddings);
        Assert.False(index.HasEmbedding(index.DocumentOf(101)!.Value));
        Assert.Equal([100L, 101L], result.Select(r => r.Paper.Id).Order());
        Assert.All(result, r => Assert.Equal(1, r.SimilarTo?.Id));
        Assert.All(result, r => Assert.StartsWith("Like a paper you liked: “Protein folding with attention”", r.Reason, StringComparison.Ordinal));
        Assert.All(result, r => Assert.True(r.Relevance >= 1.0, $"{r.Paper.Id}: {r.Relevance}"));
    }

    [Fact]
    public void Rank_Misses_The_Meaning_Only_Match_When_There_Are_No_Vectors()
    {
        // Arrange: the same catalog on the lexical path alone, the control for the test above.
        (List<Paper> papers, _) = Catalog();
        var index = new PaperIndex(papers, 2.0);
        var profile = new InterestProfile([], new HashSet<long>()) { Liked = [1] };

        // Act
        IReadOnlyList<Recommendation> result = PaperRanker.Rank(index, profile, Plain);

        // Assert
        Assert.Equal(101L, result[0].Paper.Id);
        Assert.DoesNotContain(result, r => r.Paper.Id == 100);
    }

    [Fact]
    public void Rank_Uses_The_Lexical_Path_When_No_Liked_Paper_Has_A_Vector()
    {
        // Arrange: every candidate has a vector but the liked paper does not, so no embedding profile exists.
        (List<Paper> papers, List<float[]?> vectors) = Catalog();
        vectors[0] = null;
        var withVectors = new PaperIndex(papers, 2.0, vectors);
        var lexical = new PaperIndex(papers, 2.0);
        var profile = new InterestProfile([], new HashSet<long>()) { Liked = [1] };

        // Act
        IReadOnlyList<Recommendation> mixed = PaperRanker.Rank(withVectors, profile, Plain);
        IReadOnlyList<Recommendation> plain = PaperRanker.Rank(lexical, profile, Plain);

        // Assert
        Assert.Equal(plain.Select(r => r.Paper.Id), mixed.Select(r => r.Paper.Id));
        Assert.Equal(plain.Select(r => r.Relevance), mixed.Select(r => r.Relevance));
    }

    [Fact]
    public void Score_Is_Higher_For_The_Paper_Gaining_Upvotes_Fast_When_Both_Have_The_Same_Upvotes()
    {
        // Arrange
        var options = new RankingOptions();
        Paper steady = MakePaper(1, "t", "a", upvotes: 50);
        Paper rising = steady with { Id = 2, UpvotesPerDay = 40 };
        Paper neverRefetched = MakePaper(3, "t", "a", upvotes: 50);

        // Act
        double steadyScore = Popularity.Score(steady with { UpvotesPerDay = 0 }, options);
        double risingScore = Popularity.Score(rising, options);
        double unknownScore = Popularity.Score(neverRefetched, options);

        // Assert: e = 50 + 1 day × 40 upvotes/day = 90 against 50; no history scores like no gain.
        Assert.True(risingScore > steadyScore);
        Assert.Equal(Math.Log(91) / (Math.Log(91) + Math.Log(51)), risingScore, 1e-9);
        Assert.Equal(0.5, unknownScore, 1e-9);
        Assert.Equal(unknownScore, steadyScore, 1e-9);
    }
}
