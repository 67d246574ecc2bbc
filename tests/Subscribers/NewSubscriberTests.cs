using Paperboy.Hosting;
using Paperboy.Subscribers;
using Xunit;

namespace Paperboy.Tests.Subscribers;

public sealed class NewSubscriberTests
{
    private const string ValidEmail = "ada@example.com";
    private const string ValidKeywords = "graph neural networks, protein folding";

    [Fact]
    public void Create_Returns_Subscriber_When_Every_Field_Is_Valid()
    {
        // Act
        NewSubscriber subscriber = NewSubscriber.Create("  ada@example.com ", ValidKeywords, "weekly", " Europe/Berlin ", 9);

        // Assert
        Assert.Equal("ada@example.com", subscriber.Email);
        Assert.Equal(["graph neural networks", "protein folding"], subscriber.Keywords);
        Assert.Equal(DigestFrequency.Weekly, subscriber.Frequency);
        Assert.Equal("Europe/Berlin", subscriber.TimeZone);
        Assert.Equal(9, subscriber.DeliveryHour);
    }

    [Fact]
    public void Create_Uses_Defaults_When_Optional_Fields_Are_Missing()
    {
        // Act
        NewSubscriber subscriber = NewSubscriber.Create(ValidEmail, ValidKeywords, null, null, null);

        // Assert
        Assert.Equal(DigestFrequency.Daily, subscriber.Frequency);
        Assert.Equal("UTC", subscriber.TimeZone);
        Assert.Equal(7, subscriber.DeliveryHour);
    }

    [Theory]
    [InlineData("utc", "UTC")]
    [InlineData("W. Europe Standard Time", "Europe/Berlin")]
    public void Create_Stores_The_Iana_Name_When_The_Zone_Is_Spelled_Another_Way(string given, string stored)
    {
        // Act
        NewSubscriber subscriber = NewSubscriber.Create(ValidEmail, ValidKeywords, null, given, null);

        // Assert
        Assert.Equal(stored, subscriber.TimeZone);
    }

    [Theory]
    [InlineData("DAILY", DigestFrequency.Daily)]
    [InlineData(" Weekly ", DigestFrequency.Weekly)]
    public void Create_Parses_Frequency_When_It_Has_Other_Case_Or_Spaces(string frequency, DigestFrequency expected)
    {
        // Act
        NewSubscriber subscriber = NewSubscriber.Create(ValidEmail, ValidKeywords, frequency, "UTC", 7);

        // Assert
        Assert.Equal(expected, subscriber.Frequency);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(23)]
    public void Create_Accepts_Hour_When_It_Is_At_The_Edge_Of_The_Day(int hour)
    {
        // Act
        NewSubscriber subscriber = NewSubscriber.Create(ValidEmail, ValidKeywords, "daily", "UTC", hour);

        // Assert
        Assert.Equal(hour, subscriber.DeliveryHour);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("a@b")]
    [InlineData("Bob <bob@example.com>")]
    [InlineData("bob@example.com\r\nBcc: eve@example.com")]
    [InlineData("bob\r\n@example.com")]
    [InlineData("bob@exam\nple.com")]
    [InlineData("bob@example.com, eve@example.com")]
    [InlineData("bob@.example.com")]
    [InlineData("bob@example.com.")]
    public void Create_Throws_Naming_The_Email_When_The_Address_Is_Malformed(string email)
    {
        // Act
        PaperboyException ex = Assert.Throws<PaperboyException>(() => NewSubscriber.Create(email, ValidKeywords, "daily", "UTC", 7));

        // Assert
        Assert.StartsWith("invalid subscription: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("is not an email address", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_Says_An_Address_Is_Needed_When_The_Email_Is_Empty(string email)
    {
        // Act
        PaperboyException ex = Assert.Throws<PaperboyException>(() => NewSubscriber.Create(email, ValidKeywords, "daily", "UTC", 7));

        // Assert
        Assert.Equal("invalid subscription: an email address is needed", ex.Message);
    }

    [Theory]
    [InlineData("Berlin", "did you mean Europe/Berlin?")]
    [InlineData("new york", "did you mean America/New_York?")]
    [InlineData(" kiritimati ", "did you mean Pacific/Kiritimati?")]
    [InlineData("America/Chicago_IL", "")]
    public void Create_Suggests_A_Zone_Only_When_One_Has_That_City(string city, string suggestion)
    {
        // Act
        PaperboyException ex = Assert.Throws<PaperboyException>(() => NewSubscriber.Create(ValidEmail, ValidKeywords, "daily", city, 7));

        // Assert
        Assert.Contains(suggestion.Length > 0 ? $"'{city}' is not a known time zone; {suggestion}" : $"'{city}' is not a known time zone (use an IANA name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Throws_Naming_The_Time_Zone_When_It_Is_Unknown()
    {
        // Act
        PaperboyException ex = Assert.Throws<PaperboyException>(() => NewSubscriber.Create(ValidEmail, ValidKeywords, "daily", "Mars/Olympus", 7));

        // Assert
        Assert.Contains("'Mars/Olympus' is not a known time zone (use an IANA name such as Europe/Berlin)", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("email", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" , ,")]
    [InlineData(null)]
    public void Create_Throws_Asking_For_A_Keyword_When_The_Keyword_List_Is_Empty(string? keywords)
    {
        // Act
        PaperboyException ex = Assert.Throws<PaperboyException>(() => NewSubscriber.Create(ValidEmail, keywords, "daily", "UTC", 7));

        // Assert
        Assert.Contains("at least one keyword is needed", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(24)]
    [InlineData(-1)]
    public void Create_Throws_Naming_The_Hour_When_It_Is_Out_Of_Range(int hour)
    {
        // Act
        PaperboyException ex = Assert.Throws<PaperboyException>(() => NewSubscriber.Create(ValidEmail, ValidKeywords, "daily", "UTC", hour));

        // Assert
        Assert.Contains($"hour {hour} is not between 0 and 23", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Throws_Naming_The_Frequency_When_It_Is_Not_Daily_Or_Weekly()
    {
        // Act
        PaperboyException ex = Assert.Throws<PaperboyException>(() => NewSubscriber.Create(ValidEmail, ValidKeywords, "hourly", "UTC", 7));

        // Assert
        Assert.Contains("frequency 'hourly' is not one of: daily, weekly", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Reports_Every_Error_In_One_Message_When_Several_Fields_Are_Invalid()
    {
        // Act
        PaperboyException ex = Assert.Throws<PaperboyException>(() => NewSubscriber.Create("a@b", " , ", "hourly", "Mars/Olympus", 24));

        // Assert
        Assert.Contains("'a@b' is not an email address", ex.Message, StringComparison.Ordinal);
        Assert.Contains("at least one keyword is needed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("frequency 'hourly'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'Mars/Olympus' is not a known time zone", ex.Message, StringComparison.Ordinal);
        Assert.Contains("hour 24 is not between 0 and 23", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, ex.Message.Split("; ").Length);
    }

    [Fact]
    public void Create_Trims_And_Deduplicates_Keywords_When_They_Repeat_In_Other_Case()
    {
        // Act
        NewSubscriber subscriber = NewSubscriber.Create(ValidEmail, "  Graph Neural Networks , protein folding,graph neural networks,, PROTEIN FOLDING ,diffusion ", "daily", "UTC", 7);

        // Assert
        Assert.Equal(["Graph Neural Networks", "protein folding", "diffusion"], subscriber.Keywords);
    }

    [Fact]
    public void Create_Throws_When_There_Are_Too_Many_Keywords()
    {
        // Arrange
        string keywords = string.Join(',', Enumerable.Range(1, 51).Select(i => $"topic{i}"));

        // Act
        PaperboyException ex = Assert.Throws<PaperboyException>(() => NewSubscriber.Create(ValidEmail, keywords, "daily", "UTC", 7));

        // Assert: one error for the one problem.
        Assert.Equal("invalid subscription: at most 50 keywords (51 given)", ex.Message);
    }

    [Fact]
    public void Create_Names_Only_The_Long_Keyword_When_One_Keyword_Is_Too_Long()
    {
        // Act
        PaperboyException ex = Assert.Throws<PaperboyException>(() => NewSubscriber.Create(ValidEmail, ["graphs", new string('x', 101)], "daily", "UTC", 7));

        // Assert
        Assert.Equal($"invalid subscription: keyword '{new string('x', 57)}…' is longer than 100 characters", ex.Message);
    }

    [Theory]
    [InlineData("protein folding, structure prediction", "keyword 'protein folding, structure prediction' has a comma: keywords are separated by commas")]
    [InlineData("multi\nline keyword", "keyword 'multi\\nline keyword' has a line break; give each keyword on its own")]
    [InlineData("carriage\rreturn", "keyword 'carriage\\rreturn' has a line break")]
    [InlineData("tab\tseparated", "keyword 'tab\\tseparated' has a tab or other control character")]
    [InlineData("para\u2029graph", "keyword 'para\\u2029graph' has a line break")]
    public void Create_Throws_Naming_The_Keyword_When_It_Holds_A_Comma_Or_A_Control_Character(string keyword, string expected)
    {
        // Act: a list of keywords, as the JSON API and the import give them (not split on commas).
        PaperboyException ex = Assert.Throws<PaperboyException>(() => NewSubscriber.Create(ValidEmail, ["graphs", keyword], "daily", "UTC", 7));

        // Assert
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Rejects_A_Keyword_With_A_Comma_When_The_Preferences_Page_Would_Split_It()
    {
        // Arrange
        var errors = new List<string>();

        // Act
        Preferences? preferences = Preferences.Validate(["graphs"], ["x, y"], "daily", "UTC", 7, null, errors);

        // Assert
        Assert.Null(preferences);
        Assert.Equal(["keyword 'x, y' has a comma: keywords are separated by commas, so give each keyword on its own"], errors);
    }

    [Fact]
    public void Validate_Gives_One_Error_When_Active_And_Muted_Keywords_Are_Too_Many()
    {
        // Arrange
        var errors = new List<string>();

        // Act
        Preferences? preferences = Preferences.Validate(
            [.. Enumerable.Range(1, 51).Select(i => $"topic{i}")], ["muted"], "daily", "UTC", 7, null, errors);

        // Assert
        Assert.Null(preferences);
        Assert.Equal(["at most 50 keywords (52 given)"], errors);
    }

    [Fact]
    public void Create_Keeps_Liked_Papers_As_Catalog_Keys_When_Given_As_Ids_Or_Links()
    {
        // Act
        NewSubscriber subscriber = NewSubscriber.Create(
            ValidEmail, ValidKeywords, null, null, null, ["2401.12345v2", "https://arxiv.org/pdf/2401.12345", " HEP-TH/9901001 ", "http://arxiv.org/abs/2312.00752v1"]);

        // Assert
        Assert.Equal(["arxiv:2401.12345", "arxiv:hep-th/9901001", "arxiv:2312.00752"], subscriber.LikedPapers);
    }

    [Fact]
    public void Create_Names_Every_Bad_Paper_When_Liked_Papers_Are_Not_Arxiv_Ids()
    {
        // Act
        PaperboyException error = Assert.Throws<PaperboyException>(() => NewSubscriber.Create(
            ValidEmail, ValidKeywords, null, null, null, ["2401.12345", "doi:10.1000/xyz", new string('x', 200)]));

        // Assert
        Assert.Contains("'doi:10.1000/xyz' is not an arXiv id or link", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{new string('x', 57)}…' is not an arXiv id or link", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Refuses_More_Than_Twenty_Liked_Papers()
    {
        // Act
        PaperboyException error = Assert.Throws<PaperboyException>(() => NewSubscriber.Create(
            ValidEmail, ValidKeywords, null, null, null, [.. Enumerable.Range(10000, 21).Select(i => $"2401.{i}")]));

        // Assert
        Assert.Contains("at most 20 liked papers", error.Message, StringComparison.Ordinal);
    }
}
