using Paperboy.Papers;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Papers;

public sealed class ArxivAtomReaderTests
{
    [Fact]
    public void Read_Returns_10_Papers_When_Given_A_Current_Format_Response()
    {
        // Act
        PaperReadResult result = ArxivAtomReader.Read(Fixtures.Text(Fixtures.ArxivApiCurrent));

        // Assert
        Assert.Empty(result.Problems);
        Assert.Equal(10, result.Papers.Count);
        Assert.Equal(6, result.Papers.Count(p => p.Doi is not null));
        IncomingPaper first = result.Papers[0];
        Assert.Equal("arxiv:2202.12139", first.Key);
        Assert.Equal(1, first.Version);
        Assert.Equal("Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques", first.Title);
        Assert.Equal(["Mohit Kumar Ahuja", "Arnaud Gotlieb", "Helge Spieker"], first.Authors);
        Assert.Equal(["cs.SE", "cs.LG"], first.Categories);
        Assert.Equal("10.1109/icstw55395.2022.00035", first.Doi);
        Assert.Equal(new DateTimeOffset(2022, 2, 24, 15, 5, 19, TimeSpan.Zero), first.PublishedAt);
        Assert.Equal("https://arxiv.org/abs/2202.12139", first.Url);
        Assert.Null(first.Upvotes);
    }

    [Fact]
    public void Read_Repairs_Names_When_The_Response_Was_Decoded_As_Latin1_Once()
    {
        // Act
        PaperReadResult result = ArxivAtomReader.Read(Fixtures.Text(Fixtures.ArxivApiCurrent));

        // Assert: the recorded response spells these "RamÃ­rez" and "JosÃ© RaÃºl Romero".
        Assert.Equal(["Aurora Ramírez", "Mario Berrios", "José Raúl Romero"], result.Papers[1].Authors.Take(3));
    }

    [Fact]
    public void Read_Returns_10_Papers_With_Old_Style_Ids_When_Given_A_Legacy_Response()
    {
        // Act
        PaperReadResult result = ArxivAtomReader.Read(Fixtures.Text(Fixtures.ArxivApiLegacy));

        // Assert
        Assert.Empty(result.Problems);
        Assert.Equal(10, result.Papers.Count);
        Assert.All(result.Papers, p => Assert.NotNull(p.Doi));
        Assert.Equal(4, result.Papers.Count(p => p.Key.StartsWith("arxiv:cond-mat/", StringComparison.Ordinal)));
        IncomingPaper first = result.Papers[0];
        Assert.Equal("arxiv:1201.4869", first.Key);
        Assert.Equal("A Luttinger Liquid Core Inside Helium-4 Filled Nanopores", first.Title);
        Assert.Equal(["Adrian Del Maestro"], first.Authors);
        Assert.Equal(["cond-mat.mes-hall", "cond-mat.other"], first.Categories);
        Assert.StartsWith("As helium-4 is cooled below 2.17 K it undergoes a phase transition to a fundamentally new state", first.Abstract, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', first.Abstract);
        IncomingPaper second = result.Papers[1];
        Assert.Equal("arxiv:cond-mat/0412498", second.Key);
        Assert.Equal(["Adrian Del Maestro", "Subir Sachdev"], second.Authors);
        Assert.Equal("cond-mat.str-el", second.Categories[0]);
        Assert.Equal("10.1103/physrevb.71.184511", second.Doi);
    }

    [Fact]
    public void Read_Reports_The_Api_Error_And_Stores_Nothing_When_Given_The_Error_Entry()
    {
        // Act
        PaperReadResult result = ArxivAtomReader.Read(Fixtures.Text(Fixtures.ArxivApiError));

        // Assert
        Assert.Empty(result.Papers);
        Assert.Equal("the arXiv API answered with an error: incorrect id format for abc", Assert.Single(result.Problems).Message);
    }

    [Fact]
    public void Read_Reports_An_Empty_Result_When_The_Api_Returns_No_Entries()
    {
        // Act
        PaperReadResult result = ArxivAtomReader.Read(Fixtures.Text(Fixtures.ArxivApiEmpty));

        // Assert
        Assert.Empty(result.Papers);
        Assert.Equal("the arXiv API returned no entries (totalResults 0)", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void Read_Keeps_Entries_Before_The_Cut_When_The_Body_Is_Truncated()
    {
        // Arrange: cut inside the third entry.
        string text = Fixtures.Text(Fixtures.ArxivApiCurrent);
        int third = text.IndexOf("<entry>", text.IndexOf("<entry>", text.IndexOf("<entry>", StringComparison.Ordinal) + 1, StringComparison.Ordinal) + 1, StringComparison.Ordinal);
        string truncated = text[..(third + 200)];

        // Act
        PaperReadResult result = ArxivAtomReader.Read(truncated);

        // Assert
        Assert.Equal(["arxiv:2202.12139", "arxiv:2405.13786"], result.Papers.Select(p => p.Key));
        Assert.Contains("malformed XML (is the body cut off?)", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Reports_The_Entry_And_Keeps_The_Others_When_An_Entry_Has_No_Summary()
    {
        // Arrange
        const string Text = """
            <feed xmlns="http://www.w3.org/2005/Atom">
              <entry><id>http://arxiv.org/abs/2601.00001v1</id><title>Kept</title><summary>Fine.</summary></entry>
              <entry><id>http://arxiv.org/abs/2601.00002v1</id><title>No summary</title></entry>
            </feed>
            """;

        // Act
        PaperReadResult result = ArxivAtomReader.Read(Text);

        // Assert
        Assert.Equal(["arxiv:2601.00001"], result.Papers.Select(p => p.Key));
        Assert.Equal("line 3: 2601.00002: <summary> is missing", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void Read_Refuses_A_Document_Type_Definition_When_One_Declares_Entities()
    {
        // Arrange: an entity-expansion ("billion laughs") attempt.
        const string Text = """
            <?xml version="1.0"?>
            <!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2601.00001</id><title>&b;</title><summary>x</summary></entry></feed>
            """;

        // Act
        PaperReadResult result = ArxivAtomReader.Read(Text);

        // Assert
        Assert.Empty(result.Papers);
        Assert.Contains("malformed XML", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }
}
