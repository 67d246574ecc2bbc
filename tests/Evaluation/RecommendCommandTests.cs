using System.Text.Json;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Evaluation;

public sealed class RecommendCommandTests : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 7, 0, 0, TimeSpan.Zero));

    private const string Papers = """
        {"id": "p1", "title": "Graph neural networks for molecules", "abstract": "Message passing predicts molecule properties."}
        {"id": "p2", "title": "Graph networks for chemistry", "abstract": "Message passing over molecular graphs."}
        {"id": "p3", "title": "Diffusion models for images", "abstract": "Denoising diffusion generates images."}
        {"id": "p4", "title": "A survey of diffusion models", "abstract": "We review diffusion models."}
        {"id": "p5", "title": "Protein folding", "abstract": "Structure prediction for proteins."}
        {"id": 6, "title": "Molecule generation with graph networks", "abstract": "Generating molecules atom by atom with message passing."}
        """;

    private const string Profiles = """
        {"id": "u1", "keywords": [], "liked": ["p1", "p2"]}
        {"id": "u2", "keywords": ["diffusion", "-survey"], "liked": [], "disliked": ["p5"]}
        {"id": "u3", "keywords": ["\"graph networks\""]}
        """;

    private static List<(string Id, List<string> Papers)> Parse(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            using var doc = JsonDocument.Parse(line);
            return (doc.RootElement.GetProperty("id").GetString()!,
                doc.RootElement.GetProperty("papers").EnumerateArray().Select(p => p.GetString()!).ToList());
        })];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Recommend_Prints_One_Line_Per_Profile_Without_Liked_Papers_When_Given_Files(bool lexical)
    {
        // Arrange
        string papers = _workspace.WriteFile("papers.jsonl", Papers);
        string profiles = _workspace.WriteFile("profiles.jsonl", Profiles);
        List<string> args = ["recommend", "--papers", papers, "--profiles", profiles, "--top", "2",
            "--embedding-cache", Path.Combine(_workspace.Root, "emb.bin")];
        if (lexical)
        {
            args.Add("--lexical");
        }

        // Act
        CliResult result = await _workspace.RunAsync([.. args]);

        // Assert
        Assert.Equal(0, result.ExitCode);
        List<(string Id, List<string> Papers)> runs = Parse(result.Out);
        Assert.Equal(["u1", "u2", "u3"], runs.Select(r => r.Id));
        Assert.Equal("6", runs[0].Papers[0]);
        Assert.DoesNotContain("p1", runs[0].Papers);
        Assert.DoesNotContain("p2", runs[0].Papers);
        Assert.Equal(["p3"], runs[1].Papers);
        Assert.Equal(["6", "p2"], runs[2].Papers.Order(StringComparer.Ordinal));
        Assert.Contains("ranked 3 profiles", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_workspace.DatabasePath));
        Assert.Equal(!lexical, File.Exists(Path.Combine(_workspace.Root, "emb.bin")));
    }

    [Fact]
    public async Task Recommend_Fails_With_The_Line_Number_When_A_Line_Is_Not_Json()
    {
        // Arrange
        string papers = _workspace.WriteFile("papers.jsonl", "{\"id\": \"a\", \"title\": \"t\", \"abstract\": \"x\"}\n{not json\n");
        string profiles = _workspace.WriteFile("profiles.jsonl", "{\"id\": \"u\", \"liked\": [\"a\"]}\n");

        // Act
        CliResult result = await _workspace.RunAsync("recommend", "--papers", papers, "--profiles", profiles, "--lexical");

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("papers.jsonl:2:", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Theory]
    [InlineData("--top", "0", "--top must be between 1 and 1000")]
    [InlineData("--top", "abc", "Cannot parse argument 'abc' for option '--top'")]
    [InlineData("--diversity", "NaN", "--diversity must be between 0 and 1")]
    [InlineData("--diversity", "2", "--diversity must be between 0 and 1")]
    [InlineData("--diversity", "-1", "--diversity must be between 0 and 1")]
    public async Task Recommend_Fails_As_A_Usage_Error_When_An_Option_Is_Out_Of_Range(string option, string value, string message)
    {
        // Arrange
        string papers = _workspace.WriteFile("papers.jsonl", Papers);
        string profiles = _workspace.WriteFile("profiles.jsonl", Profiles);

        // Act
        CliResult result = await _workspace.RunAsync("recommend", "--papers", papers, "--profiles", profiles, "--lexical", option, value);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"error: {message}", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Theory]
    [InlineData("under-a-file")]
    [InlineData("folder")]
    public async Task Recommend_Fails_Before_Embedding_When_The_Embedding_Cache_Cannot_Be_Written(string kind)
    {
        // Arrange
        string papers = _workspace.WriteFile("papers.jsonl", Papers);
        string profiles = _workspace.WriteFile("profiles.jsonl", Profiles);
        string cache = kind == "folder"
            ? Directory.CreateDirectory(Path.Combine(_workspace.Root, "cache")).FullName
            : Path.Combine(_workspace.WriteFile("afile", ""), "emb.bin");

        // Act
        CliResult result = await _workspace.RunAsync("recommend", "--papers", papers, "--profiles", profiles, "--embedding-cache", cache);

        // Assert
        Assert.Equal(1, result.ExitCode);
        string line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: cannot use the embedding cache {cache}: ", line, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Recommend_Says_Is_A_Folder_When_The_Papers_Path_Is_A_Folder()
    {
        // Arrange
        string profiles = _workspace.WriteFile("profiles.jsonl", Profiles);

        // Act
        CliResult result = await _workspace.RunAsync("recommend", "--papers", _workspace.Root, "--profiles", profiles, "--lexical");

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {_workspace.Root} is a folder; give one JSONL file", result.Error.Trim());
    }

    [Fact]
    public async Task Recommend_Runs_When_The_Database_Folder_Cannot_Be_Created()
    {
        // Arrange: recommend needs no database, so a Database:Path it could not use must not stop it.
        string papers = _workspace.WriteFile("papers.jsonl", Papers);
        string profiles = _workspace.WriteFile("profiles.jsonl", Profiles);
        _workspace.Settings["Database:Path"] = Path.Combine(_workspace.WriteFile("afile", ""), "paperboy.db");

        // Act
        CliResult result = await _workspace.RunAsync("recommend", "--papers", papers, "--profiles", profiles, "--lexical");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3, Parse(result.Out).Count);
    }

    public void Dispose() => _workspace.Dispose();
}
