using Paperboy.Papers;
using Xunit;

namespace Paperboy.Tests.Papers;

public sealed class PaperIdentityTests
{
    [Theory]
    [InlineData("2606.00467", "2606.00467")]
    [InlineData("2606.00467v2", "2606.00467")]
    [InlineData("1501.1234", "1501.1234")]
    [InlineData("  2606.00467v12  ", "2606.00467")]
    [InlineData("arxiv:2606.00467v1", "2606.00467")]
    public void ArxivId_Strips_Version_When_Given_A_New_Style_Id(string text, string expected)
    {
        // Act
        string? id = PaperIdentity.ArxivId(text);

        // Assert
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData("hep-th/9901001", "hep-th/9901001")]
    [InlineData("hep-th/9901001v1", "hep-th/9901001")]
    [InlineData("math.AG/0309136v3", "math.AG/0309136")]
    public void ArxivId_Strips_Version_When_Given_An_Old_Style_Id(string text, string expected)
    {
        // Act
        string? id = PaperIdentity.ArxivId(text);

        // Assert
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData("https://arxiv.org/abs/2606.00467", "2606.00467")]
    [InlineData("https://arxiv.org/abs/2606.00467v2", "2606.00467")]
    [InlineData("http://www.arxiv.org/abs/hep-th/9901001v1", "hep-th/9901001")]
    [InlineData("https://arxiv.org/pdf/2606.00467v2", "2606.00467")]
    [InlineData("https://arxiv.org/pdf/2606.00467v2.pdf", "2606.00467")]
    [InlineData("https://arxiv.org/pdf/2606.00467.pdf", "2606.00467")]
    public void ArxivId_Extracts_Id_When_Given_An_Arxiv_Url(string text, string expected)
    {
        // Act
        string? id = PaperIdentity.ArxivId(text);

        // Assert
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("openreview-XYZ123")]
    [InlineData("10.1145/3292500.3330701")]
    [InlineData("https://example.com/abs/2606.00467")]
    [InlineData("2606.00467 and more")]
    [InlineData("26.00467")]
    [InlineData("hep-th/990100")]
    public void ArxivId_Returns_Null_When_The_Text_Is_Not_An_Arxiv_Id(string text)
    {
        // Act
        string? id = PaperIdentity.ArxivId(text);

        // Assert
        Assert.Null(id);
    }

    [Theory]
    [InlineData("Attention Is All You Need", "attention is all you need")]
    [InlineData("ATTENTION is all you NEED", "attention is all you need")]
    [InlineData("  Attention -- is: all (you) need!  ", "attention is all you need")]
    [InlineData("BERT: Pre-training of Deep Bidirectional Transformers", "bert pre training of deep bidirectional transformers")]
    [InlineData("Ｆｕｌｌｗｉｄｔｈ Title", "fullwidth title")]
    [InlineData("!!!", "")]
    public void NormalizeTitle_Folds_Case_And_Punctuation_When_Spellings_Differ(string title, string expected)
    {
        // Act
        string normalized = PaperIdentity.NormalizeTitle(title);

        // Assert
        Assert.Equal(expected, normalized);
    }

    [Fact]
    public void KeyFor_Uses_Arxiv_Id_Without_Version_When_The_Id_Is_An_Arxiv_Id()
    {
        // Act
        string key = PaperIdentity.KeyFor("https://arxiv.org/abs/2606.00467v3", "Some Title");

        // Assert
        Assert.Equal("arxiv:2606.00467", key);
    }

    [Fact]
    public void KeyFor_Uses_Trimmed_Feed_Id_When_The_Id_Is_Not_An_Arxiv_Id()
    {
        // Act
        string key = PaperIdentity.KeyFor("  feed-17  ", "Some Title");

        // Assert
        Assert.Equal("id:feed-17", key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void KeyFor_Falls_Back_To_Normalized_Title_When_There_Is_No_Id(string? id)
    {
        // Act
        string key = PaperIdentity.KeyFor(id, "Fully Convolutional Networks for Semantic Segmentation.");

        // Assert
        Assert.Equal("title:fully convolutional networks for semantic segmentation", key);
    }

    [Fact]
    public void KeyFor_Gives_The_Same_Key_When_Titles_Differ_Only_In_Case_And_Punctuation()
    {
        // Act
        string first = PaperIdentity.KeyFor(null, "Deep Residual Learning for Image Recognition");
        string second = PaperIdentity.KeyFor(null, "deep residual learning -- for image recognition!");

        // Assert
        Assert.Equal(first, second);
    }
}

public sealed class PaperIdentityDoiAndVersionTests
{
    [Theory]
    [InlineData("10.1103/PhysRevD.76.013009", "10.1103/physrevd.76.013009")]
    [InlineData("https://doi.org/10.1103/PhysRevD.76.013009", "10.1103/physrevd.76.013009")]
    [InlineData("http://dx.doi.org/10.1142/S021797921244002X", "10.1142/s021797921244002x")]
    [InlineData("doi: 10.1093/bioinformatics/btac431", "10.1093/bioinformatics/btac431")]
    [InlineData("not a doi", null)]
    [InlineData("", null)]
    public void NormalizeDoi_Lowercases_And_Drops_The_Resolver_When_Given_A_Doi(string doi, string? expected)
    {
        // Act
        string? normalized = PaperIdentity.NormalizeDoi(doi);

        // Assert
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("2606.00467v2", 2)]
    [InlineData("http://arxiv.org/abs/cond-mat/0607501v12", 12)]
    [InlineData("2606.00467", null)]
    [InlineData("10.1103/x", null)]
    public void ArxivVersion_Reads_The_Version_When_The_Id_Names_One(string id, int? expected)
    {
        // Act
        int? version = PaperIdentity.ArxivVersion(id);

        // Assert
        Assert.Equal(expected, version);
    }

    [Fact]
    public void KeyFor_Uses_The_Doi_When_There_Is_No_Arxiv_Id()
    {
        // Act
        string withFeedId = PaperIdentity.KeyFor("feed-17", "10.1145/3292500.3330701", "Some Title");
        string withArxivId = PaperIdentity.KeyFor("2606.00467v1", "10.1145/3292500.3330701", "Some Title");

        // Assert
        Assert.Equal("doi:10.1145/3292500.3330701", withFeedId);
        Assert.Equal("arxiv:2606.00467", withArxivId);
    }
}
