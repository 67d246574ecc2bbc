using Paperboy.Papers;
using Paperboy.Recommender;
using Xunit;

namespace Paperboy.Tests.Recommender;

public sealed class PaperRankerKeywordTests
{
    private const double TitleWeight = 2.0;

    private static readonly Paper GraphTitle = MakePaper(
        1,
        "Graph Neural Networks for Molecules",
        "We predict chemical properties of small molecules with message passing.");

    private static readonly Paper GraphAbstract = MakePaper(
        2,
        "Predicting Chemical Properties",
        "We use a graph model to predict chemical properties of small molecules.");

    private static readonly Paper ProteinFolding = MakePaper(
        3,
        "Protein Folding at Scale",
        "Structure prediction for proteins with deep learning and evolutionary data.");

    private static readonly Paper Diffusion = MakePaper(
        4,
        "Diffusion Models for Images",
        "Denoising diffusion generates realistic images from noise.");

    private static readonly Paper NeuralOnly = MakePaper(
        5,
        "Neural Audio Codecs",
        "A neural codec compresses speech at low bitrates without perceptible loss.");

    private static readonly Paper Unrelated = MakePaper(
        6,
        "Sorting Algorithms Revisited",
        "Comparison sorts and their cache behaviour on modern hardware.");

    private static readonly Paper[] Catalog = [GraphTitle, GraphAbstract, ProteinFolding, Diffusion, NeuralOnly, Unrelated];

    private static Paper MakePaper(long id, string title, string abstractText) =>
        new(id, $"id:{id}", title, abstractText, [], null, null, null);

    private static PaperIndex Index(params Paper[] papers) => new(papers, TitleWeight);

    private static InterestProfile Profile(params string[] keywords) => new(keywords, new HashSet<long>());

    private static IReadOnlyList<Recommendation> Recommend(InterestProfile profile, int count = 10, double minScore = 0) =>
        Rank(Index(Catalog), profile, count, minScore);

    // Relevance only (no MMR), with the keyword score itself as the relevance threshold.
    private static IReadOnlyList<Recommendation> Rank(PaperIndex index, InterestProfile profile, int count = 10, double minScore = 0) =>
        PaperRanker.Rank(index, profile, new RankingOptions { Count = count, MinRelevance = minScore, KeywordScoreUnit = 1, Diversity = 1 });

    [Fact]
    public void Recommend_Ranks_Matching_Paper_Above_Others_When_One_Paper_Has_The_Keyword()
    {
        // Act
        IReadOnlyList<Recommendation> result = Recommend(Profile("diffusion"));

        // Assert
        Recommendation recommendation = Assert.Single(result);
        Assert.Equal(Diffusion.Id, recommendation.Paper.Id);
        Assert.True(recommendation.Score > 0);
    }

    [Fact]
    public void Recommend_Ranks_Title_Match_Above_Abstract_Only_Match_When_Both_Contain_The_Keyword()
    {
        // Act
        IReadOnlyList<Recommendation> result = Recommend(Profile("graph"));

        // Assert
        Assert.Equal([GraphTitle.Id, GraphAbstract.Id], result.Select(r => r.Paper.Id));
        Assert.True(result[0].Score > result[1].Score);
    }

    [Fact]
    public void Recommend_Ranks_Title_Match_First_When_It_Comes_Last_In_The_Catalog()
    {
        // Arrange
        PaperIndex index = Index(GraphAbstract, Unrelated, GraphTitle);

        // Act
        IReadOnlyList<Recommendation> result = Rank(index, Profile("graph"));

        // Assert
        Assert.Equal([GraphTitle.Id, GraphAbstract.Id], result.Select(r => r.Paper.Id));
    }

    [Fact]
    public void Recommend_Gives_The_Same_Result_When_The_Keyword_Differs_Only_In_Case()
    {
        // Act
        IReadOnlyList<Recommendation> lower = Recommend(Profile("protein folding"));
        IReadOnlyList<Recommendation> upper = Recommend(Profile("PROTEIN Folding"));

        // Assert
        Assert.Equal(ProteinFolding.Id, Assert.Single(lower).Paper.Id);
        Assert.Equal(ProteinFolding.Id, Assert.Single(upper).Paper.Id);
        Assert.Equal(lower[0].Score, upper[0].Score);
        Assert.Equal(["PROTEIN Folding"], upper[0].MatchedKeywords);
    }

    [Fact]
    public void Recommend_Requires_Every_Word_When_The_Keyword_Has_Several_Words()
    {
        // Act: NeuralOnly has "neural" but not "networks"; GraphTitle has both.
        IReadOnlyList<Recommendation> result = Recommend(Profile("neural networks"));

        // Assert
        Recommendation recommendation = Assert.Single(result);
        Assert.Equal(GraphTitle.Id, recommendation.Paper.Id);
    }

    [Fact]
    public void Recommend_Returns_Nothing_When_No_Paper_Has_All_Words_Of_The_Keyword()
    {
        // Act
        IReadOnlyList<Recommendation> result = Recommend(Profile("protein diffusion"));

        // Assert
        Assert.Empty(result);
    }

    [Fact]
    public void Recommend_Ignores_Stop_Words_When_A_Keyword_Contains_Them()
    {
        // Act
        IReadOnlyList<Recommendation> withStopWords = Recommend(Profile("the folding of the protein"));
        IReadOnlyList<Recommendation> without = Recommend(Profile("protein folding"));

        // Assert
        Assert.Equal(ProteinFolding.Id, Assert.Single(withStopWords).Paper.Id);
        Assert.Equal(without[0].Score, withStopWords[0].Score);
    }

    [Fact]
    public void Recommend_Never_Returns_Excluded_Papers_When_They_Match()
    {
        // Arrange
        var profile = new InterestProfile(["graph", "molecules"], new HashSet<long> { GraphTitle.Id });

        // Act
        IReadOnlyList<Recommendation> result = Recommend(profile);

        // Assert
        Assert.NotEmpty(result);
        Assert.DoesNotContain(result, r => r.Paper.Id == GraphTitle.Id);
        Assert.Contains(result, r => r.Paper.Id == GraphAbstract.Id);
    }

    [Fact]
    public void Recommend_Returns_At_Most_Count_Papers_When_More_Match()
    {
        // Arrange: "molecules", "images", "proteins" and "speech" each match a different paper.
        InterestProfile profile = Profile("molecules", "images", "proteins", "speech");
        IReadOnlyList<Recommendation> all = Recommend(profile);

        // Act
        IReadOnlyList<Recommendation> limited = Recommend(profile, count: 2);

        // Assert
        Assert.Equal(5, all.Count);
        Assert.Equal(all.Take(2).Select(r => r.Paper.Id), limited.Select(r => r.Paper.Id));
    }

    [Fact]
    public void Recommend_Sorts_By_Descending_Score_When_Several_Papers_Match()
    {
        // Act
        IReadOnlyList<Recommendation> result = Recommend(Profile("molecules", "images", "proteins", "speech", "graph"));

        // Assert
        Assert.Equal(result.OrderByDescending(r => r.Score).Select(r => r.Paper.Id), result.Select(r => r.Paper.Id));
    }

    [Fact]
    public void Recommend_Drops_Papers_When_They_Score_Below_Min_Score()
    {
        // Arrange
        IReadOnlyList<Recommendation> all = Recommend(Profile("graph"));
        double threshold = (all[0].Score + all[1].Score) / 2;

        // Act
        IReadOnlyList<Recommendation> result = Recommend(Profile("graph"), minScore: threshold);

        // Assert
        Recommendation kept = Assert.Single(result);
        Assert.Equal(GraphTitle.Id, kept.Paper.Id);
        Assert.True(kept.Score >= threshold);
    }

    [Fact]
    public void Recommend_Keeps_Paper_When_Its_Score_Equals_Min_Score()
    {
        // Arrange
        double score = Assert.Single(Recommend(Profile("diffusion"))).Score;

        // Act
        IReadOnlyList<Recommendation> result = Recommend(Profile("diffusion"), minScore: score);

        // Assert
        Assert.Equal(Diffusion.Id, Assert.Single(result).Paper.Id);
    }

    [Fact]
    public void Recommend_Returns_Empty_When_No_Paper_Reaches_Min_Score()
    {
        // Arrange
        double best = Recommend(Profile("graph"))[0].Score;

        // Act
        IReadOnlyList<Recommendation> result = Recommend(Profile("graph"), minScore: best + 0.001);

        // Assert
        Assert.Empty(result);
    }

    [Fact]
    public void Recommend_Lists_Exactly_The_Matched_Keywords_When_Only_Some_Match()
    {
        // Act
        IReadOnlyList<Recommendation> result = Recommend(Profile("graph", "diffusion", "molecules", "quantum"));

        // Assert
        Recommendation graphTitle = Assert.Single(result, r => r.Paper.Id == GraphTitle.Id);
        Assert.Equal(["graph", "molecules"], graphTitle.MatchedKeywords);
        Assert.Equal("Matches your keywords: graph, molecules", graphTitle.Reason);

        Recommendation diffusion = Assert.Single(result, r => r.Paper.Id == Diffusion.Id);
        Assert.Equal(["diffusion"], diffusion.MatchedKeywords);
        Assert.Equal("Matches your keywords: diffusion", diffusion.Reason);

        Assert.DoesNotContain(result, r => r.MatchedKeywords.Contains("quantum"));
    }

    [Fact]
    public void Recommend_Adds_Scores_When_Several_Keywords_Match_One_Paper()
    {
        // Act
        double graphOnly = Assert.Single(Recommend(Profile("graph")), r => r.Paper.Id == GraphTitle.Id).Score;
        double moleculesOnly = Assert.Single(Recommend(Profile("molecules")), r => r.Paper.Id == GraphTitle.Id).Score;
        double both = Assert.Single(Recommend(Profile("graph", "molecules")), r => r.Paper.Id == GraphTitle.Id).Score;

        // Assert
        Assert.Equal(graphOnly + moleculesOnly, both, 1e-4); // scores are single precision
    }

    [Fact]
    public void Recommend_Counts_A_Keyword_Once_When_It_Is_Repeated_In_Another_Case()
    {
        // Act
        IReadOnlyList<Recommendation> once = Recommend(Profile("diffusion"));
        IReadOnlyList<Recommendation> twice = Recommend(Profile("diffusion", "Diffusion"));

        // Assert
        Assert.Equal(once[0].Score, Assert.Single(twice).Score);
        Assert.Equal(["diffusion"], twice[0].MatchedKeywords);
    }

    [Fact]
    public void Recommend_Returns_Empty_When_The_Catalog_Is_Empty()
    {
        // Act
        IReadOnlyList<Recommendation> result = Rank(Index(), Profile("graph"));

        // Assert
        Assert.Empty(result);
    }
}
