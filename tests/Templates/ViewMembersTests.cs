using Paperboy.Templates;
using Scriban;
using Scriban.Runtime;
using Xunit;

namespace Paperboy.Tests.Templates;

public sealed class ViewMembersTests
{
    [Fact]
    public void Import_Gives_The_Globals_Scriban_Import_Gives_When_The_Model_Is_A_View()
    {
        // Arrange
        DigestView view = DigestSamples.Daily();
        var expected = new ScriptObject();
        expected.Import(view);

        // Act
        ScriptObject actual = ViewMembers.Import(view);

        // Assert
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected.Keys, key => Assert.Equivalent(expected[key], actual[key], strict: true));
    }

    [Fact]
    public void Accessor_Is_Shared_Between_Contexts_When_The_Target_Is_A_View_And_Left_To_Scriban_Otherwise()
    {
        // Arrange
        DigestPaperView paper = DigestSamples.Papers()[0];

        // Act
        IObjectAccessor? first = ViewMembers.Accessor(paper);
        IObjectAccessor? second = ViewMembers.Accessor(DigestSamples.Papers()[1]);

        // Assert
        Assert.NotNull(first);
        Assert.Same(first, second);
        Assert.True(first.TryGetValue(new TemplateContext(), default, paper, "title", out object? title));
        Assert.Equal(paper.Title, title);
        Assert.Null(ViewMembers.Accessor(new ScriptObject()));
        Assert.Null(ViewMembers.Accessor(new List<DigestPaperView>()));
        Assert.Null(ViewMembers.Accessor("text"));
    }
}
