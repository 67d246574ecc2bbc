using Paperboy.Papers;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Papers;

public sealed class HuggingFaceDailyReaderTests
{
    [Fact]
    public void Read_Returns_All_30_Papers_With_Popularity_When_Given_The_June_Response()
    {
        // Act
        PaperReadResult result = HuggingFaceDailyReader.Read(Fixtures.Text(Fixtures.HuggingFaceSotawhat));

        // Assert
        Assert.Empty(result.Problems);
        Assert.Equal(30, result.Papers.Count);
        Assert.Equal(30, result.Papers.Select(p => p.Key).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(453, result.Papers.Sum(p => p.Upvotes));
        Assert.All(result.Papers, p => Assert.NotNull(p.AiSummary));
        Assert.Equal(16, result.Papers.Count(p => p.GithubStars is not null));

        IncomingPaper first = result.Papers[0];
        Assert.Equal("arxiv:2606.00467", first.Key);
        Assert.Equal("On the Limits of LLM Adaptability: Impact of Model-Internalized Priors on Annotation Task Performance", first.Title);
        Assert.Equal(["Etienne Casanova", "Rafal Kocielnik"], first.Authors.Take(2));
        Assert.Equal(3, first.Authors.Count);
        Assert.Equal(0, first.Upvotes);
        Assert.Equal(2, first.Comments);
        Assert.Null(first.GithubStars);
        Assert.Contains("zero-shot annotation", first.AiKeywords);
        Assert.Equal(new DateTimeOffset(2026, 5, 30, 0, 0, 0, TimeSpan.Zero), first.PublishedAt);
        Assert.Equal("https://arxiv.org/abs/2606.00467", first.Url);

        IncomingPaper second = result.Papers[1];
        Assert.Equal("arxiv:2606.12730", second.Key);
        Assert.Equal(5, second.Upvotes);
        Assert.Equal(3, second.Comments);
        Assert.Equal(1, second.GithubStars);
        Assert.Equal("https://github.com/psychology-of-AI/Rethinking-Pyschometric-Eval-LLMs", second.GithubRepo);
        Assert.Equal(8, second.Authors.Count);
    }

    [Fact]
    public void Read_Joins_Hard_Line_Breaks_When_Titles_And_Summaries_Carry_Them()
    {
        // Act
        PaperReadResult result = HuggingFaceDailyReader.Read(Fixtures.Text(Fixtures.HuggingFaceSotawhat));

        // Assert
        Assert.All(result.Papers, p => Assert.DoesNotContain('\n', p.Title + p.Abstract));
        Assert.All(result.Papers, p => Assert.DoesNotContain("  ", p.Title + p.Abstract, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_Returns_3_Papers_Without_Ai_Fields_When_Given_The_August_Response()
    {
        // Act
        PaperReadResult result = HuggingFaceDailyReader.Read(Fixtures.Text(Fixtures.HuggingFaceNewsAssistant));

        // Assert
        Assert.Empty(result.Problems);
        Assert.Equal(["arxiv:2607.26654", "arxiv:2607.28229", "arxiv:2607.27851"], result.Papers.Select(p => p.Key));
        Assert.Equal([3, 4, 2], result.Papers.Select(p => p.Upvotes ?? -1));
        Assert.Equal([2, 8, -1], result.Papers.Select(p => p.GithubStars ?? -1));
        Assert.All(result.Papers, p => Assert.Null(p.AiSummary));
        Assert.Equal("Luigi Sigillo", result.Papers[1].Authors[0]);
        Assert.Equal(12, result.Papers[1].Authors.Count);
    }

    [Fact]
    public void Read_Keeps_Items_Before_The_Cut_And_Reports_It_When_The_Body_Is_Truncated()
    {
        // Arrange: the pretty-printed response cut in the middle of its third item.
        string text = Fixtures.Text(Fixtures.HuggingFaceNewsAssistant);
        string truncated = text[..text.IndexOf("2607.27851", StringComparison.Ordinal)];

        // Act
        PaperReadResult result = HuggingFaceDailyReader.Read(truncated);

        // Assert
        Assert.Equal(["arxiv:2607.26654", "arxiv:2607.28229"], result.Papers.Select(p => p.Key));
        ReadProblem problem = Assert.Single(result.Problems);
        Assert.Contains("not valid JSON at item 3 (is the body cut off?)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Reports_The_Item_And_Keeps_The_Others_When_A_Paper_Lacks_Its_Title()
    {
        // Arrange
        const string Text = """
            [
              {"paper": {"id": "2606.00001", "title": "Kept", "summary": "An abstract.", "upvotes": 1}, "numComments": 0},
              {"paper": {"id": "2606.00002", "summary": "No title anywhere."}},
              {"title": "No paper object"}
            ]
            """;

        // Act
        PaperReadResult result = HuggingFaceDailyReader.Read(Text);

        // Assert
        Assert.Equal(["arxiv:2606.00001"], result.Papers.Select(p => p.Key));
        Assert.Equal(
            ["line 3: item 2: \"title\" is missing or empty", "line 4: item 3: \"paper\" is missing"],
            result.Problems.Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("{\"error\":\"Invalid date\"}", "Hugging Face answered with an error: Invalid date")]
    [InlineData("", "the body is empty")]
    [InlineData("[{\"paper\": {\"id\": ", "not valid JSON at item 1")]
    public void Read_Reports_The_Whole_Document_When_It_Is_Not_A_List_Of_Papers(string text, string message)
    {
        // Act
        PaperReadResult result = HuggingFaceDailyReader.Read(text);

        // Assert
        Assert.Empty(result.Papers);
        Assert.Contains(message, Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }
}
