using Paperboy.Recommender;
using Xunit;

namespace Paperboy.Tests.Recommender;

public sealed class TextAnalyzerTests
{
    [Fact]
    public void Terms_Drops_Stop_Words_When_The_Text_Contains_Them()
    {
        // Act
        List<string> terms = TextAnalyzer.Terms("The effect of attention on the training of transformers");

        // Assert
        Assert.Equal(["effect", "attent", "train", "transform"], terms);
    }

    [Fact]
    public void Terms_Drops_Stop_Words_When_They_Are_Upper_Case()
    {
        // Act
        List<string> terms = TextAnalyzer.Terms("THE Graph AND The Network");

        // Assert
        Assert.Equal(["graph", "network"], terms);
    }

    [Fact]
    public void Terms_Returns_Nothing_When_The_Text_Is_Only_Stop_Words()
    {
        // Act
        List<string> terms = TextAnalyzer.Terms("to be or not to be");

        // Assert
        Assert.Empty(terms);
    }

    [Fact]
    public void Terms_Folds_Case_And_Splits_When_Words_Are_Joined_By_Punctuation()
    {
        // Act
        List<string> terms = TextAnalyzer.Terms("Graph-Neural NETWORKS: GPT4, BERT's results!");

        // Assert
        Assert.Equal(["graph", "neural", "network", "gpt4", "bert", "result"], terms);
    }

    [Fact]
    public void Terms_Drops_Tokens_When_They_Are_One_Character_Long()
    {
        // Act
        List<string> terms = TextAnalyzer.Terms("x y 3 ab");

        // Assert
        Assert.Equal(["ab"], terms);
    }

    [Fact]
    public void Terms_Keeps_Repeated_Terms_When_A_Word_Occurs_Twice()
    {
        // Act
        List<string> terms = TextAnalyzer.Terms("graph graph");

        // Assert
        Assert.Equal(["graph", "graph"], terms);
    }
}
