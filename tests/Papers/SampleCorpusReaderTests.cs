using Paperboy.Papers;
using Xunit;

namespace Paperboy.Tests.Papers;

public sealed class SampleCorpusReaderTests
{
    private const string FirstAbstract =
        "The concept of deep dictionary learning has been recently proposed as a way to learn several layers.";

    private const string SecondAbstract =
        "Unsupervised denoising is a crucial challenge in real-world imaging applications today.";

    private static readonly string SampleCorpusPath = Path.Combine(AppContext.BaseDirectory, "Fixtures", "papers.txt");

    private static PaperReadResult ReadSampleCorpus()
    {
        using StreamReader reader = File.OpenText(SampleCorpusPath);
        return SampleCorpusReader.Read(reader);
    }

    private static PaperReadResult ReadText(string text)
    {
        using var reader = new StringReader(text);
        return SampleCorpusReader.Read(reader);
    }

    [Fact]
    public void Read_Returns_All_Papers_Without_Problems_When_Given_The_Sample_Corpus()
    {
        // Act
        PaperReadResult result = ReadSampleCorpus();

        // Assert
        Assert.Equal(255, result.Papers.Count);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Read_Drops_Page_Heading_And_Subscribe_Prefix_When_Given_The_Sample_Corpus()
    {
        // Act
        PaperReadResult result = ReadSampleCorpus();

        // Assert
        IncomingPaper first = result.Papers[0];
        Assert.Equal("Majorization Minimization Technique for Optimally Solving Deep Dictionary Learning", first.Title);
        Assert.StartsWith("The concept of deep dictionary learning has been recently proposed.", first.Abstract, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Papers, p => p.Title.StartsWith("Get trending papers", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Papers, p => p.Title.StartsWith("Subscribe", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_Returns_The_Last_Paper_When_Given_The_Sample_Corpus()
    {
        // Act
        PaperReadResult result = ReadSampleCorpus();

        // Assert
        IncomingPaper last = result.Papers[^1];
        Assert.Equal("Learning Transferable Architectures for Scalable Image Recognition", last.Title);
        Assert.EndsWith("achieving 43.1% mAP on the COCO dataset.", last.Abstract, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Keys_The_Duplicate_Paper_Once_When_Given_The_Sample_Corpus()
    {
        // Act
        PaperReadResult result = ReadSampleCorpus();

        // Assert
        Assert.Equal(254, result.Papers.Select(p => p.Key).Distinct(StringComparer.Ordinal).Count());
        string duplicateKey = Assert.Single(result.Papers.GroupBy(p => p.Key, StringComparer.Ordinal), g => g.Count() > 1).Key;
        Assert.Equal("title:fully convolutional networks for semantic segmentation", duplicateKey);
    }

    [Fact]
    public void Read_Keys_Papers_By_Normalized_Title_When_Reading_The_Sample_Format()
    {
        // Arrange
        string text = $"Deep Learning: A Survey!\n{FirstAbstract}\n";

        // Act
        PaperReadResult result = ReadText(text);

        // Assert
        IncomingPaper paper = Assert.Single(result.Papers);
        Assert.Equal("title:deep learning a survey", paper.Key);
        Assert.Empty(paper.Authors);
        Assert.Null(paper.Url);
    }

    [Fact]
    public void Read_Reports_Title_Line_And_Keeps_Earlier_Papers_When_The_File_Is_Truncated()
    {
        // Arrange
        string text = $"First Paper\n{FirstAbstract}\n\nSecond Paper\n{SecondAbstract}\nThird Paper With No Abstract\n";

        // Act
        PaperReadResult result = ReadText(text);

        // Assert
        Assert.Equal(["First Paper", "Second Paper"], result.Papers.Select(p => p.Title));
        ReadProblem problem = Assert.Single(result.Problems);
        Assert.Equal(6, problem.Line);
        Assert.Contains("truncated", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Reports_Abstract_Line_And_Keeps_The_Rest_When_An_Abstract_Is_Too_Short()
    {
        // Arrange
        string text = $"First Paper\n{FirstAbstract}\nShort Paper\nTBD\nThird Paper\n{SecondAbstract}\n";

        // Act
        PaperReadResult result = ReadText(text);

        // Assert
        Assert.Equal(["First Paper", "Third Paper"], result.Papers.Select(p => p.Title));
        ReadProblem problem = Assert.Single(result.Problems);
        Assert.Equal(4, problem.Line);
        Assert.Contains("abstract of only 3 characters", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Reports_Every_Pair_When_The_File_Is_Not_Titles_And_Abstracts()
    {
        // Arrange: the start of an /etc/passwd, long lines without spaces.
        string text = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
            + "bin:x:2:2:bin:/bin:/usr/sbin/nologin\nsys:x:3:3:sys:/dev:/usr/sbin/nologin\n";

        // Act
        PaperReadResult result = ReadText(text);

        // Assert
        Assert.Empty(result.Papers);
        Assert.Equal([2, 4], result.Problems.Select(p => p.Line));
        Assert.Contains("an abstract of only 1 word(s)", result.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Keeps_Title_Unaltered_When_It_Starts_With_Subscribers()
    {
        // Arrange
        const string Title = "Subscribers and Publishers: Scalable Event Notification";
        string text = $"{Title}\n{FirstAbstract}\n";

        // Act
        PaperReadResult result = ReadText(text);

        // Assert
        IncomingPaper paper = Assert.Single(result.Papers);
        Assert.Equal(Title, paper.Title);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Read_Keeps_Title_Unaltered_When_A_Later_Title_Starts_With_Subscribers()
    {
        // Arrange
        string text = $"First Paper\n{FirstAbstract}\nSubscribersNet Learns Who Reads What\n{SecondAbstract}\n";

        // Act
        PaperReadResult result = ReadText(text);

        // Assert
        Assert.Equal(["First Paper", "SubscribersNet Learns Who Reads What"], result.Papers.Select(p => p.Title));
        Assert.Empty(result.Problems);
    }

    [Theory]
    [InlineData("Subscribe\u201cWhy Should I Trust You?\u201d", "\u201cWhy Should I Trust You?\u201d")]
    [InlineData("Subscribe3D Gaussian Splatting", "3D Gaussian Splatting")]
    public void Read_Drops_Heading_Lines_And_Button_Text_When_The_First_Title_Does_Not_Start_With_A_Capital(string firstLine, string title)
    {
        // Arrange
        string text = $"Get trending papers in your email inbox once a day!\nGet trending papers in your email inbox!\n{firstLine}\n{FirstAbstract}\n";

        // Act
        PaperReadResult result = ReadText(text);

        // Assert
        IncomingPaper paper = Assert.Single(result.Papers);
        Assert.Equal(title, paper.Title);
        Assert.Empty(result.Problems);
    }
}
