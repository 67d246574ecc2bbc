using Paperboy.Papers;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Papers;

public sealed class KaggleArxivReaderTests
{
    private static PaperReadResult ReadFixture()
    {
        using StreamReader reader = File.OpenText(Fixtures.PathOf(Fixtures.Kaggle));
        return KaggleArxivReader.Read(reader);
    }

    [Fact]
    public void Read_Returns_All_200_Records_When_Given_The_Snapshot_Head()
    {
        // Act
        PaperReadResult result = ReadFixture();

        // Assert
        Assert.Empty(result.Problems);
        Assert.Equal(200, result.Papers.Count);
        Assert.Equal("arxiv:0704.0001", result.Papers[0].Key);
        Assert.Equal("arxiv:0704.0200", result.Papers[^1].Key);
        Assert.Equal(117, result.Papers.Count(p => p.Doi is not null));
    }

    [Fact]
    public void Read_Fills_Fields_When_Given_The_First_Record()
    {
        // Act
        IncomingPaper first = ReadFixture().Papers[0];

        // Assert
        Assert.Equal("Calculation of prompt diphoton production cross sections at Tevatron and LHC energies", first.Title);
        Assert.Equal(["C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan"], first.Authors);
        Assert.Equal(["hep-ph"], first.Categories);
        Assert.Equal(2, first.Version);
        Assert.Equal("10.1103/physrevd.76.013009", first.Doi);
        Assert.Equal(new DateTimeOffset(2007, 4, 2, 19, 18, 42, TimeSpan.Zero), first.PublishedAt);
        Assert.StartsWith("A fully differential calculation in perturbative quantum chromodynamics is presented", first.Abstract, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Splits_Categories_And_Joins_Author_Names_When_A_Record_Has_Several()
    {
        // Act
        IncomingPaper second = ReadFixture().Papers[1];

        // Assert
        Assert.Equal(["math.CO", "cs.CG"], second.Categories);
        Assert.Equal(["Ileana Streinu", "Louis Theran"], second.Authors);
        Assert.Null(second.Doi);
    }

    [Fact]
    public void Read_Turns_Latex_Accents_Into_Letters_When_There_Is_No_Parsed_Author_List()
    {
        // Arrange
        const string Line = """{"id":"0704.0001","authors":"C. Bal\\'azs and J. M\\\"{u}ller","title":"On $\\mathcal{O}(n)$ bounds","abstract":"We bound\n  it."}""";

        // Act
        PaperReadResult result = KaggleArxivReader.Read(new StringReader(Line));

        // Assert
        IncomingPaper paper = Assert.Single(result.Papers);
        Assert.Equal(["C. Balázs", "J. Müller"], paper.Authors);
        Assert.Equal("On $\\mathcal{O}(n)$ bounds", paper.Title);
        Assert.Equal("We bound it.", paper.Abstract);
    }

    [Fact]
    public void Read_Reports_The_Line_And_Keeps_The_Others_When_A_Record_Is_Broken()
    {
        // Arrange
        string[] lines = File.ReadLines(Fixtures.PathOf(Fixtures.Kaggle)).Take(3).ToArray();
        lines[1] = lines[1][..40];

        // Act
        PaperReadResult result = KaggleArxivReader.Read(new StringReader(string.Join('\n', lines)));

        // Assert
        Assert.Equal(["arxiv:0704.0001", "arxiv:0704.0003"], result.Papers.Select(p => p.Key));
        Assert.Equal(2, Assert.Single(result.Problems).Line);
    }
}
