using Paperboy.Templates;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Templates;

/// <summary>The built-in templates rendered with the fixed sample digests, against approved files (see <see cref="Golden"/>).</summary>
public sealed class GoldenFileTests
{
    private static readonly DigestRenderer Renderer = new(new TemplateCatalog());

    public static TheoryData<string> Kinds => ["daily", "weekly", "alert"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Render_Matches_The_Approved_Files_When_Given_The_Sample_Digest(string kind)
    {
        // Arrange
        DigestView view = kind switch
        {
            "weekly" => DigestSamples.Weekly(),
            "alert" => DigestSamples.Alert(),
            _ => DigestSamples.Daily(),
        };

        // Act
        RenderedDigest digest = Renderer.Render(view);

        // Assert
        Golden.Verify($"{kind}.html", digest.Html);
        Golden.Verify($"{kind}.txt", digest.Text);
    }
}
