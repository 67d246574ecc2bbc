using Paperboy.Papers;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Papers;

public sealed class ArxivRssReaderTests
{
    [Fact]
    public void Read_Returns_4_Papers_With_Versions_And_Categories_When_Given_The_Rss_Feed()
    {
        // Act
        PaperReadResult result = ArxivRssReader.Read(Fixtures.Text(Fixtures.ArxivRss));

        // Assert
        Assert.Empty(result.Problems);
        Assert.Equal(["arxiv:2609.26811", "arxiv:2609.26820", "arxiv:2205.06398", "arxiv:2009.13987"], result.Papers.Select(p => p.Key));
        Assert.Equal([1, 1, 2, 3], result.Papers.Select(p => p.Version ?? 0));
        Assert.Equal(["cs.LG", "cs.AI"], result.Papers[1].Categories);
        Assert.Equal(["stat.ME", "stat.AP", "stat.ML"], result.Papers[2].Categories);
        Assert.Equal(["Naser Mansour", "Sidahmed Benabderrahmane", "Ameer Rahwan"], result.Papers[1].Authors);
        Assert.Equal(["Fabien Polly"], result.Papers[0].Authors);
        Assert.Equal("10.1093/bioinformatics/btac431", result.Papers[2].Doi);
    }

    [Fact]
    public void Read_Strips_The_Announcement_Prefix_When_Reading_The_Abstract()
    {
        // Act
        PaperReadResult result = ArxivRssReader.Read(Fixtures.Text(Fixtures.ArxivRss));

        // Assert
        Assert.StartsWith("Local learning trains each layer with its own auxiliary loss", result.Papers[0].Abstract, StringComparison.Ordinal);
        Assert.All(result.Papers, p => Assert.DoesNotContain("Announce Type", p.Abstract, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_Dates_Only_New_Announcements_When_Cross_Lists_And_Replacements_Are_Older_Papers()
    {
        // Act
        PaperReadResult result = ArxivRssReader.Read(Fixtures.Text(Fixtures.ArxivRss));

        // Assert
        Assert.Equal(new DateTimeOffset(2026, 9, 24, 0, 0, 0, TimeSpan.FromHours(-4)), result.Papers[0].PublishedAt);
        Assert.Null(result.Papers[2].PublishedAt);
        Assert.Null(result.Papers[3].PublishedAt);
    }

    [Fact]
    public void Read_Stores_Text_Not_Markup_When_A_Description_Carries_Html()
    {
        // Arrange
        const string Text = """
            <rss version="2.0"><channel><item>
              <title>Bounds for &lt;i&gt;p&lt;/i&gt;-adic forms</title>
              <link>https://arxiv.org/abs/2601.00001</link>
              <description>&lt;p&gt;We show p &amp;lt; 0.05 &amp;amp; more.&lt;/p&gt;</description>
            </item></channel></rss>
            """;

        // Act
        PaperReadResult result = ArxivRssReader.Read(Text);

        // Assert
        IncomingPaper paper = Assert.Single(result.Papers);
        Assert.Equal("Bounds for p -adic forms", paper.Title);
        Assert.Equal("We show p < 0.05 & more.", paper.Abstract);
    }

    [Fact]
    public void Read_Reports_It_When_The_Document_Is_Not_Rss()
    {
        // Act
        PaperReadResult result = ArxivRssReader.Read("<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>");

        // Assert
        Assert.Empty(result.Papers);
        Assert.Equal("expected an RSS <rss> document, found <feed>", Assert.Single(result.Problems).Message);
    }
}
