using Paperboy.Papers;
using Xunit;

namespace Paperboy.Tests.Papers;

public sealed class JsonlPaperReaderTests
{
    private const string ValidLine =
        """{"title":"A Valid Paper","abstract":"An abstract that is long enough to read."}""";

    private static PaperReadResult Read(params string[] lines)
    {
        using var reader = new StringReader(string.Join('\n', lines));
        return JsonlPaperReader.Read(reader);
    }

    [Fact]
    public void Read_Returns_All_Fields_When_The_Line_Is_Complete()
    {
        // Arrange
        const string Line = """
            {"id":"2606.00467v2","title":"Graph Networks","abstract":"We study graphs.","authors":["Ada Lovelace","Alan Turing"],"published":"2026-06-01T12:30:00Z","url":"https://arxiv.org/abs/2606.00467v2","upvotes":42}
            """;

        // Act
        PaperReadResult result = Read(Line);

        // Assert
        Assert.Empty(result.Problems);
        IncomingPaper paper = Assert.Single(result.Papers);
        Assert.Equal("arxiv:2606.00467", paper.Key);
        Assert.Equal("Graph Networks", paper.Title);
        Assert.Equal("We study graphs.", paper.Abstract);
        Assert.Equal(["Ada Lovelace", "Alan Turing"], paper.Authors);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 12, 30, 0, TimeSpan.Zero), paper.PublishedAt);
        Assert.Equal("https://arxiv.org/abs/2606.00467v2", paper.Url);
        Assert.Equal(42, paper.Upvotes);
    }

    [Fact]
    public void Read_Accepts_Author_Objects_When_Authors_Have_A_Name_Property()
    {
        // Arrange
        const string Line = """
            {"title":"T","abstract":"A","authors":[{"name":"Grace Hopper"},"Edsger Dijkstra",{"name":"  Barbara\n  Liskov "}]}
            """;

        // Act
        PaperReadResult result = Read(Line);

        // Assert
        IncomingPaper paper = Assert.Single(result.Papers);
        Assert.Equal(["Grace Hopper", "Edsger Dijkstra", "Barbara Liskov"], paper.Authors);
    }

    [Fact]
    public void Read_Leaves_Optional_Fields_Empty_When_Only_Title_And_Abstract_Are_Given()
    {
        // Act
        PaperReadResult result = Read(ValidLine);

        // Assert
        IncomingPaper paper = Assert.Single(result.Papers);
        Assert.Equal("title:a valid paper", paper.Key);
        Assert.Empty(paper.Authors);
        Assert.Null(paper.Url);
        Assert.Null(paper.PublishedAt);
        Assert.Null(paper.Upvotes);
    }

    [Fact]
    public void Read_Uses_Feed_Id_As_Key_When_The_Id_Is_Not_An_Arxiv_Id()
    {
        // Arrange
        const string Line = """{"id":"openreview-XYZ123","title":"T","abstract":"A"}""";

        // Act
        PaperReadResult result = Read(Line);

        // Assert
        Assert.Equal("id:openreview-XYZ123", Assert.Single(result.Papers).Key);
    }

    [Fact]
    public void Read_Reports_Line_Number_And_Keeps_Other_Lines_When_A_Line_Is_Not_Json()
    {
        // Act
        PaperReadResult result = Read(ValidLine, "this is { not json", ValidLine.Replace("A Valid Paper", "Another Paper", StringComparison.Ordinal));

        // Assert
        Assert.Equal(["A Valid Paper", "Another Paper"], result.Papers.Select(p => p.Title));
        ReadProblem problem = Assert.Single(result.Problems);
        Assert.Equal(2, problem.Line);
        Assert.StartsWith("not valid JSON", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Reports_A_Problem_When_The_Line_Is_Json_But_Not_An_Object()
    {
        // Act
        PaperReadResult result = Read("[1, 2, 3]");

        // Assert
        Assert.Empty(result.Papers);
        ReadProblem problem = Assert.Single(result.Problems);
        Assert.Equal(1, problem.Line);
        Assert.Contains("expected a JSON object", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"abstract":"An abstract."}""")]
    [InlineData("""{"title":"","abstract":"An abstract."}""")]
    [InlineData("""{"title":"   ","abstract":"An abstract."}""")]
    [InlineData("""{"title":null,"abstract":"An abstract."}""")]
    public void Read_Reports_Missing_Title_When_The_Title_Is_Absent_Or_Empty(string line)
    {
        // Act
        PaperReadResult result = Read(ValidLine, line);

        // Assert
        Assert.Single(result.Papers);
        ReadProblem problem = Assert.Single(result.Problems);
        Assert.Equal(2, problem.Line);
        Assert.Equal("\"title\" is missing or empty", problem.Message);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com/paper.pdf")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/path")]
    public void Read_Reports_Bad_Url_When_The_Url_Is_Not_Http(string url)
    {
        // Arrange
        string line = $$"""{"title":"T","abstract":"A","url":"{{url}}"}""";

        // Act
        PaperReadResult result = Read(line);

        // Assert
        Assert.Empty(result.Papers);
        ReadProblem problem = Assert.Single(result.Problems);
        Assert.Equal(1, problem.Line);
        Assert.Contains("\"url\" is not an http(s) address", problem.Message, StringComparison.Ordinal);
        Assert.Contains(url, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Accepts_Http_Url_When_The_Scheme_Is_Http()
    {
        // Act
        PaperReadResult result = Read("""{"title":"T","abstract":"A","url":"http://example.com/p"}""");

        // Assert
        Assert.Equal("http://example.com/p", Assert.Single(result.Papers).Url);
    }

    [Fact]
    public void Read_Reports_Bad_Date_When_Published_Is_Not_A_Date()
    {
        // Act
        PaperReadResult result = Read("""{"title":"T","abstract":"A","published":"last Tuesday"}""");

        // Assert
        Assert.Empty(result.Papers);
        ReadProblem problem = Assert.Single(result.Problems);
        Assert.Equal("\"published\" is not a date: last Tuesday", problem.Message);
    }

    [Fact]
    public void Read_Assumes_Utc_When_Published_Has_No_Offset()
    {
        // Act
        PaperReadResult result = Read("""{"title":"T","abstract":"A","published":"2026-06-01"}""");

        // Assert
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), Assert.Single(result.Papers).PublishedAt);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("\"many\"")]
    public void Read_Reports_Bad_Upvotes_When_Upvotes_Is_Not_A_Whole_Number_Of_At_Least_Zero(string upvotes)
    {
        // Arrange
        string line = $$"""{"title":"T","abstract":"A","upvotes":{{upvotes}}}""";

        // Act
        PaperReadResult result = Read(line);

        // Assert
        Assert.Empty(result.Papers);
        ReadProblem problem = Assert.Single(result.Problems);
        Assert.Equal("\"upvotes\" must be a whole number of at least 0", problem.Message);
    }

    [Fact]
    public void Read_Ignores_Blank_Lines_But_Counts_Them_When_Numbering_Problems()
    {
        // Act
        PaperReadResult result = Read("", ValidLine, "   ", "\t", "{broken", "");

        // Assert
        Assert.Single(result.Papers);
        ReadProblem problem = Assert.Single(result.Problems);
        Assert.Equal(5, problem.Line);
    }

    [Fact]
    public void Read_Joins_Hard_Line_Breaks_When_Title_And_Abstract_Contain_Them()
    {
        // Arrange
        const string Line = """
            {"title":"Attention Is\n  All You\r\n\tNeed","abstract":"  The dominant sequence\n    transduction models  "}
            """;

        // Act
        PaperReadResult result = Read(Line);

        // Assert
        IncomingPaper paper = Assert.Single(result.Papers);
        Assert.Equal("Attention Is All You Need", paper.Title);
        Assert.Equal("The dominant sequence transduction models", paper.Abstract);
        Assert.Equal("title:attention is all you need", paper.Key);
    }
}
