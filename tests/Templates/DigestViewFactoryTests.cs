using Paperboy.Papers;
using Paperboy.Templates;
using Xunit;

namespace Paperboy.Tests.Templates;

public sealed class DigestViewFactoryTests
{
    private static Paper MakePaper(string key, string title, string? url) =>
        new(1, key, title, "An abstract.", [], url, null, null);

    [Theory]
    [InlineData("")]
    [InlineData("Short abstract.")]
    [InlineData("exactly twenty chars")]
    public void Trim_Leaves_Text_Alone_When_It_Is_Not_Longer_Than_The_Limit(string text)
    {
        // Act
        string trimmed = DigestViewFactory.Trim(text, 20);

        // Assert
        Assert.Equal(text, trimmed);
    }

    [Fact]
    public void Trim_Cuts_At_A_Word_Boundary_And_Marks_The_Cut_When_Text_Is_Too_Long()
    {
        // Act
        string trimmed = DigestViewFactory.Trim("alpha beta gamma delta", 12);

        // Assert
        Assert.Equal("alpha beta…", trimmed);
    }

    [Fact]
    public void Trim_Keeps_The_Last_Whole_Word_When_The_Limit_Falls_On_A_Space()
    {
        // Act
        string trimmed = DigestViewFactory.Trim("alpha beta gamma", 10);

        // Assert
        Assert.Equal("alpha beta…", trimmed);
    }

    [Fact]
    public void Trim_Drops_Trailing_Punctuation_When_The_Cut_Follows_It()
    {
        // Act
        string trimmed = DigestViewFactory.Trim("alpha beta, gamma delta", 13);

        // Assert
        Assert.Equal("alpha beta…", trimmed);
    }

    [Fact]
    public void Trim_Cuts_Inside_A_Word_When_There_Is_No_Space_In_The_Second_Half()
    {
        // Act
        string trimmed = DigestViewFactory.Trim("ab Pneumonoultramicroscopicsilicovolcanoconiosis", 20);

        // Assert
        Assert.Equal("ab Pneumonoultramicr…", trimmed);
    }

    [Fact]
    public void Trim_Never_Splits_A_Surrogate_Pair_When_It_Cuts_Inside_A_Word()
    {
        // Arrange: ten emoji of two UTF-16 units each; a limit of 5 falls inside the third.
        string text = string.Concat(Enumerable.Repeat("\U0001F600", 10));

        // Act
        string trimmed = DigestViewFactory.Trim(text, 5);

        // Assert
        Assert.Equal(string.Concat(Enumerable.Repeat("\U0001F600", 2)) + "…", trimmed);
    }

    [Fact]
    public void Trim_Uses_The_Abstract_Limit_When_No_Limit_Is_Given()
    {
        // Arrange
        string text = string.Join(' ', Enumerable.Range(1, 300).Select(i => $"w{i:000}"));

        // Act
        string trimmed = DigestViewFactory.Trim(text);

        // Assert
        Assert.EndsWith("…", trimmed, StringComparison.Ordinal);
        string kept = trimmed[..^1];
        Assert.True(kept.Length <= DigestViewFactory.MaxAbstractLength, $"kept {kept.Length} characters");
        Assert.True(kept.Length > DigestViewFactory.MaxAbstractLength - 5, $"kept only {kept.Length} characters");
        Assert.StartsWith(kept, text, StringComparison.Ordinal);
        Assert.Equal(' ', text[kept.Length]);
    }

    [Fact]
    public void Authors_Returns_Empty_When_There_Are_No_Authors()
    {
        // Act
        string authors = DigestViewFactory.Authors([]);

        // Assert
        Assert.Equal("", authors);
    }

    [Fact]
    public void Authors_Lists_Everyone_When_There_Are_At_Most_Three()
    {
        // Act
        string one = DigestViewFactory.Authors(["A"]);
        string three = DigestViewFactory.Authors(["A", "B", "C"]);

        // Assert
        Assert.Equal("A", one);
        Assert.Equal("A, B, C", three);
    }

    [Fact]
    public void Authors_Adds_Et_Al_When_There_Are_More_Than_Three()
    {
        // Act
        string authors = DigestViewFactory.Authors(["A", "B", "C", "D", "E"]);

        // Assert
        Assert.Equal("A, B, C et al.", authors);
    }

    [Fact]
    public void PaperUrl_Returns_The_Paper_Url_When_There_Is_One()
    {
        // Arrange
        Paper paper = MakePaper("arxiv:2606.00467", "Graph Networks", "https://example.com/paper");

        // Act
        string url = DigestViewFactory.PaperUrl(paper);

        // Assert
        Assert.Equal("https://example.com/paper", url);
    }

    [Fact]
    public void PaperUrl_Links_To_Arxiv_Abstract_When_The_Key_Is_An_Arxiv_Id()
    {
        // Arrange
        Paper paper = MakePaper("arxiv:2606.00467", "Graph Networks", null);

        // Act
        string url = DigestViewFactory.PaperUrl(paper);

        // Assert
        Assert.Equal("https://arxiv.org/abs/2606.00467", url);
    }

    [Fact]
    public void PaperUrl_Links_To_Arxiv_Title_Search_When_There_Is_No_Url_Or_Arxiv_Id()
    {
        // Arrange
        Paper paper = MakePaper("title:graph networks a b", "Graph Networks: A & B", null);

        // Act
        string url = DigestViewFactory.PaperUrl(paper);

        // Assert
        Assert.Equal("https://arxiv.org/search/?searchtype=title&query=Graph%20Networks%3A%20A%20%26%20B", url);
    }
}
