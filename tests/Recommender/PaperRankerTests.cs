using Paperboy.Papers;
using Paperboy.Recommender;
using Xunit;

namespace Paperboy.Tests.Recommender;

public sealed class PaperRankerTests
{
    private static Paper MakePaper(long id, string title, string abstractText, int? upvotes = null, DateTimeOffset? published = null) =>
        new(id, $"id:{id}", title, abstractText, [], null, published, upvotes);

    private static InterestProfile Profile(params string[] keywords) => new(keywords, new HashSet<long>());

    private static readonly RankingOptions Plain = new() { MinRelevance = 0, Diversity = 1 };

    private static List<long> Ids(IEnumerable<Recommendation> result) => [.. result.Select(r => r.Paper.Id)];

    [Fact]
    public void Rank_Matches_Only_Adjacent_Words_When_The_Keyword_Is_A_Quoted_Phrase()
    {
        // Arrange
        Paper phrase = MakePaper(1, "Graph Neural Networks for Molecules", "Message passing on molecular graphs.");
        Paper scattered = MakePaper(2, "Neural Ranking on a Citation Graph", "We rank papers with networks of citations.");
        var index = new PaperIndex([phrase, scattered], 2.0);

        // Act
        IReadOnlyList<Recommendation> loose = PaperRanker.Rank(index, Profile("graph neural network"), Plain);
        IReadOnlyList<Recommendation> quoted = PaperRanker.Rank(index, Profile("\"graph neural network\""), Plain);

        // Assert
        Assert.Equal([1L, 2L], Ids(loose).Order());
        Assert.Equal([1L], Ids(quoted));
        Assert.Equal(["graph neural network"], quoted[0].MatchedKeywords);
    }

    [Fact]
    public void Rank_Excludes_Papers_When_They_Match_A_Negative_Keyword()
    {
        // Arrange
        Paper survey = MakePaper(1, "A Survey of Diffusion Models", "We review diffusion models for images.");
        Paper method = MakePaper(2, "Faster Diffusion Sampling", "A sampler for diffusion models in ten steps.");
        var index = new PaperIndex([survey, method], 2.0);

        // Act
        IReadOnlyList<Recommendation> result = PaperRanker.Rank(index, Profile("diffusion", "-survey"), Plain);

        // Assert
        Assert.Equal([2L], Ids(result));
    }

    [Fact]
    public void Rank_Matches_Inflected_Forms_When_The_Keyword_Is_Singular()
    {
        // Arrange: "networks", "learning" and "studies" only appear inflected in the papers.
        Paper paper = MakePaper(1, "Studies of Learning in Spiking Networks", "Plasticity rules for spiking neurons.");
        var index = new PaperIndex([paper, MakePaper(2, "Unrelated Title", "Sorting and searching.")], 2.0);

        // Act
        IReadOnlyList<Recommendation> result = PaperRanker.Rank(index, Profile("network", "learned", "study"), Plain);

        // Assert
        Recommendation only = Assert.Single(result);
        Assert.Equal(1L, only.Paper.Id);
        Assert.Equal(["network", "learned", "study"], only.MatchedKeywords);
    }

    [Fact]
    public void Rank_Multiplies_A_Keyword_Score_When_It_Has_A_Weight()
    {
        // Arrange
        Paper a = MakePaper(1, "Protein Folding", "Structure prediction.");
        Paper b = MakePaper(2, "Image Diffusion", "Denoising models.");
        var index = new PaperIndex([a, b, MakePaper(3, "Other", "Nothing here.")], 2.0);

        // Act
        double plain = Assert.Single(PaperRanker.Rank(index, Profile("protein"), Plain)).KeywordScore;
        IReadOnlyList<Recommendation> weighted = PaperRanker.Rank(index, Profile("protein^3", "diffusion"), Plain);

        // Assert
        Assert.Equal(3 * plain, Assert.Single(weighted, r => r.Paper.Id == 1).KeywordScore, 1e-4);
        Assert.Equal(1L, weighted[0].Paper.Id);
    }

    [Fact]
    public void Rank_Never_Returns_Liked_Or_Disliked_Papers_When_They_Match()
    {
        // Arrange
        Paper liked = MakePaper(1, "Diffusion Models", "Denoising diffusion for images.");
        Paper disliked = MakePaper(2, "Diffusion for Audio", "Denoising diffusion for speech.");
        Paper other = MakePaper(3, "Diffusion for Video", "Denoising diffusion for video.");
        var index = new PaperIndex([liked, disliked, other], 2.0);
        InterestProfile profile = Profile("diffusion") with { Liked = [1], Disliked = [2] };

        // Act
        IReadOnlyList<Recommendation> result = PaperRanker.Rank(index, profile, Plain);

        // Assert
        Assert.Equal([3L], Ids(result));
    }

    [Fact]
    public void Rank_Pushes_Papers_Down_When_They_Resemble_A_Disliked_Paper()
    {
        // Arrange: two candidates equally near the liked paper; one is also near the disliked one.
        Paper liked = MakePaper(1, "Graph networks for chemistry", "Message passing predicts molecule properties.");
        Paper disliked = MakePaper(2, "Graph networks for traffic", "Message passing forecasts road traffic flows.");
        Paper chemistry = MakePaper(3, "Graph networks for molecule design", "Message passing generates chemistry candidates.");
        Paper traffic = MakePaper(4, "Graph networks for traffic prediction", "Message passing predicts road traffic congestion.");
        Paper[] papers = [liked, disliked, chemistry, traffic, MakePaper(5, "Sorting algorithms", "Cache behaviour of sorts.")];
        var index = new PaperIndex(papers, 2.0);
        InterestProfile likesOnly = Profile() with { Liked = [1] };
        InterestProfile withDislike = likesOnly with { Disliked = [2] };

        // Act
        IReadOnlyList<Recommendation> before = PaperRanker.Rank(index, likesOnly, Plain);
        IReadOnlyList<Recommendation> after = PaperRanker.Rank(index, withDislike, Plain);

        // Assert
        double Gap(IReadOnlyList<Recommendation> r) => r.Single(x => x.Paper.Id == 3).Score - r.Single(x => x.Paper.Id == 4).Score;
        Assert.Equal(3L, after[0].Paper.Id);
        Assert.True(Gap(after) > Gap(before), $"gap before {Gap(before)}, after {Gap(after)}");
        Assert.Equal(liked.Title, after[0].SimilarTo?.Title);
        Assert.Contains($"Like a paper you liked: “{liked.Title}”", after[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rank_Drops_A_Near_Duplicate_When_Diversity_Is_On()
    {
        // Arrange: 1 and 2 are the same paper in two versions; 3 is relevant but different.
        Paper first = MakePaper(1, "Sparse attention for long documents", "Sparse attention patterns make transformers read long documents.");
        Paper copy = MakePaper(2, "Sparse attention for long documents", "Sparse attention patterns make transformers read long documents.");
        Paper other = MakePaper(3, "Heads in vision models", "What the attention heads of vision models look at.");
        var index = new PaperIndex([first, copy, other, MakePaper(4, "Sorting", "Cache behaviour of sorts.")], 2.0);
        InterestProfile profile = Profile("attention", "transformers");

        // Act
        IReadOnlyList<Recommendation> plain = PaperRanker.Rank(index, profile, Plain with { Count = 2, DuplicateSimilarity = 1.1 });
        IReadOnlyList<Recommendation> diverse = PaperRanker.Rank(index, profile, Plain with { Count = 2, Diversity = 0.9 });

        // Assert
        Assert.Equal([1L, 2L], Ids(plain).Order());
        Assert.Equal([1L, 3L], Ids(diverse).Order());
    }

    [Fact]
    public void Rank_Represents_Each_Interest_When_One_Interest_Has_More_Matches()
    {
        // Arrange: four strong "diffusion" papers and one "protein" paper.
        List<Paper> papers =
        [
            MakePaper(1, "Diffusion models for images", "Diffusion sampling of pictures."),
            MakePaper(2, "Diffusion in audio", "Diffusion generates speech and music."),
            MakePaper(3, "Diffusion policies", "Robots act through diffusion."),
            MakePaper(4, "Latent diffusion", "Diffusion in a learned latent space."),
            MakePaper(5, "Notes on folding", "A long note on folding, structure, energy landscapes and, once, a protein among many other things."),
            .. Enumerable.Range(6, 6).Select(i => MakePaper(i, $"Sorting, part {i}", "Cache behaviour of sorts.")),
        ];
        var index = new PaperIndex(papers, 2.0);

        // Act
        IReadOnlyList<Recommendation> plain = PaperRanker.Rank(index, Profile("diffusion", "protein"), Plain with { Count = 3, DuplicateSimilarity = 1.1 });
        IReadOnlyList<Recommendation> diverse = PaperRanker.Rank(index, Profile("diffusion", "protein"), Plain with { Count = 3, Diversity = 0.9 });

        // Assert
        Assert.DoesNotContain(5L, Ids(plain));
        Assert.Contains(5L, Ids(diverse));
    }

    [Fact]
    public void Rank_Does_Not_Call_A_Paper_Trending_When_It_Has_Only_A_Few_Upvotes()
    {
        // Arrange: 2 has 3 upvotes, enough for a small popularity bonus but not to be "trending".
        var now = new DateTimeOffset(2026, 11, 27, 7, 0, 0, TimeSpan.Zero);
        Paper quiet = MakePaper(1, "Diffusion samplers", "Fast diffusion sampling.");
        Paper few = MakePaper(2, "Diffusion samplers", "Fast diffusion sampling.", upvotes: 3, published: now.AddHours(-6));
        var index = new PaperIndex([quiet, few, MakePaper(3, "Other", "Unrelated text.")], 2.0);
        RankingOptions options = Plain with { Now = now, DuplicateSimilarity = 1.1 };

        // Act
        IReadOnlyList<Recommendation> result = PaperRanker.Rank(index, Profile("diffusion"), options);

        // Assert: still ahead of its equally relevant twin, with no trending claim.
        Assert.Equal([2L, 1L], Ids(result));
        Assert.Null(result[0].TrendingUpvotes);
        Assert.DoesNotContain("Trending", result[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rank_Puts_A_Trending_Paper_First_Only_When_It_Is_As_Relevant()
    {
        // Arrange: 1 and 2 are equally relevant, 2 is trending; 3 is trending but matches nothing.
        var now = new DateTimeOffset(2026, 11, 27, 7, 0, 0, TimeSpan.Zero);
        Paper quiet = MakePaper(1, "Diffusion samplers", "Fast diffusion sampling.");
        Paper trending = MakePaper(2, "Diffusion samplers", "Fast diffusion sampling.", upvotes: 312, published: now.AddHours(-6));
        Paper irrelevant = MakePaper(3, "Sorting networks", "Comparators in hardware.", upvotes: 5000, published: now.AddHours(-1));
        var index = new PaperIndex([quiet, trending, irrelevant, MakePaper(4, "Other", "Unrelated text.")], 2.0);
        RankingOptions options = Plain with { Now = now, DuplicateSimilarity = 1.1 };

        // Act
        IReadOnlyList<Recommendation> result = PaperRanker.Rank(index, Profile("diffusion"), options);

        // Assert
        Assert.Equal([2L, 1L], Ids(result));
        Assert.Equal(312, result[0].TrendingUpvotes);
        Assert.EndsWith("Trending: 312 upvotes", result[0].Reason, StringComparison.Ordinal);
        Assert.Null(result[1].TrendingUpvotes);
    }

    [Fact]
    public void Popularity_Decays_When_The_Paper_Gets_Older()
    {
        // Arrange
        var now = new DateTimeOffset(2026, 11, 27, 7, 0, 0, TimeSpan.Zero);
        var options = new RankingOptions { Now = now, TrendingHalfLifeHours = 48 };

        // Act
        double fresh = Popularity.Score(MakePaper(1, "t", "a", 100, now), options);
        double old = Popularity.Score(MakePaper(1, "t", "a", 100, now.AddHours(-48)), options);
        double none = Popularity.Score(MakePaper(1, "t", "a"), options);

        // Assert
        Assert.Equal(fresh / 2, old, 1e-9);
        Assert.InRange(fresh, 0.5, 1);
        Assert.Equal(0, none);
    }

    [Fact]
    public void Popularity_Counts_Comments_And_Stars_When_A_Paper_Has_No_Upvotes()
    {
        // Arrange
        var options = new RankingOptions();
        Paper discussed = MakePaper(1, "t", "a") with { Comments = 25 };
        Paper starred = MakePaper(2, "t", "a") with { GithubStars = 500 };
        Paper both = MakePaper(3, "t", "a", 10) with { Comments = 5, GithubStars = 300 };

        // Act
        double discussedScore = Popularity.Score(discussed, options);
        double starredScore = Popularity.Score(starred, options);

        // Assert: 25 comments and 500 stars each weigh as much as 50 upvotes, which scores one half.
        Assert.Equal(0.5, discussedScore, 1e-9);
        Assert.Equal(0.5, starredScore, 1e-9);
        Assert.Equal(10 + 10 + 30, Popularity.Engagement(both));
        Assert.Equal(0.5, Popularity.Score(both, options), 1e-9);
    }

    [Fact]
    public void Rank_Drops_Papers_When_They_Are_Below_The_Relevance_Threshold()
    {
        // Arrange
        Paper strong = MakePaper(1, "Diffusion diffusion", "Diffusion models and diffusion sampling.");
        Paper weak = MakePaper(2, "Image models", "One mention of diffusion in a long abstract about many other image generation topics and methods.");
        var index = new PaperIndex([strong, weak, MakePaper(3, "Other", "Nothing.")], 2.0);
        IReadOnlyList<Recommendation> all = PaperRanker.Rank(index, Profile("diffusion"), Plain);
        double between = (all[0].Relevance + all[1].Relevance) / 2;

        // Act
        IReadOnlyList<Recommendation> digest = PaperRanker.Rank(index, Profile("diffusion"), Plain with { MinRelevance = between });

        // Assert
        Assert.Equal([1L, 2L], Ids(all));
        Assert.Equal([1L], Ids(digest));
    }

    [Fact]
    public void IsAlert_Needs_The_Higher_Threshold_When_A_Paper_Is_Merely_Relevant()
    {
        // Arrange: with a keyword score unit of 1, relevance equals the BM25F keyword score.
        Paper strong = MakePaper(1, "Diffusion diffusion", "Diffusion models and diffusion sampling.");
        Paper weak = MakePaper(2, "Image models", "One mention of diffusion in a long abstract about many other image generation topics and methods.");
        var index = new PaperIndex([strong, weak, MakePaper(3, "Other", "Nothing.")], 2.0);
        IReadOnlyList<Recommendation> result = PaperRanker.Rank(index, Profile("diffusion"), Plain with { KeywordScoreUnit = 1 });
        var options = new RecommenderOptions { AlertRelevance = (result[0].Relevance + result[1].Relevance) / 2 };

        // Act
        bool[] alerts = [.. result.Select(options.IsAlert)];

        // Assert
        Assert.Equal([true, false], alerts);
    }
}
