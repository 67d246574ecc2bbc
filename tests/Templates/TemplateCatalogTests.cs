using Paperboy.Hosting;
using Paperboy.Templates;
using Paperboy.Tests.Support;
using Xunit;

namespace Paperboy.Tests.Templates;

public sealed class TemplateCatalogTests : IDisposable
{
    private readonly TestWorkspace _workspace = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _workspace.Dispose();

    private static IEnumerable<TemplateSample> Samples => DigestSamples.All.Select(s => new TemplateSample(s.Name, s.Model));

    [Fact]
    public void Validate_Passes_When_Every_Built_In_Template_Renders_Its_Samples()
    {
        // Arrange
        var catalog = new TemplateCatalog(null, Samples);

        // Act
        Exception? error = Record.Exception(catalog.Validate);

        // Assert
        Assert.Null(error);
        Assert.Contains(DigestRenderer.AlertHtmlTemplate, catalog.Names);
        Assert.Contains(DigestRenderer.WeeklyTextTemplate, catalog.Names);
    }

    [Fact]
    public void Validate_Names_File_Line_And_Column_When_An_Override_Does_Not_Parse()
    {
        // Arrange
        string folder = Directory.CreateDirectory(Path.Combine(_workspace.Root, "templates")).FullName;
        File.WriteAllText(Path.Combine(folder, "digest.txt.sbn"), "{{ heading }}\nline two\n  {{ for paper in papers }}\n{{ paper.title");
        var catalog = new TemplateCatalog(folder, Samples);

        // Act
        PaperboyException error = Assert.Throws<PaperboyException>(catalog.Validate);

        // Assert
        Assert.Contains(Path.Combine(folder, "digest.txt.sbn"), error.Message, StringComparison.Ordinal);
        Assert.Matches(@"line 4, column \d+", error.Message);
    }

    [Fact]
    public void Validate_Names_The_Line_Of_The_Override_When_Its_Sample_Render_Fails()
    {
        // Arrange: parses, but names a variable the digest view does not have.
        string folder = Directory.CreateDirectory(Path.Combine(_workspace.Root, "templates")).FullName;
        File.WriteAllText(Path.Combine(folder, "alert.html.sbn"), "<!DOCTYPE html>\n<html><head><style>p { color: red; }</style></head>\n<body>\n<p>{{ no_such_thing }}</p></body></html>");
        var catalog = new TemplateCatalog(folder, Samples);

        // Act
        PaperboyException error = Assert.Throws<PaperboyException>(catalog.Validate);

        // Assert
        Assert.Contains($"{Path.Combine(folder, "alert.html.sbn")} line 4, column 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_Uses_The_Override_And_Inlines_Its_Css_When_The_Folder_Has_The_Template()
    {
        // Arrange
        string folder = Directory.CreateDirectory(Path.Combine(_workspace.Root, "templates")).FullName;
        File.WriteAllText(Path.Combine(folder, "digest.html.sbn"), "<html><head><style>h1 { color: #123456; }</style></head><body><table><tbody>{{ for p in papers }}<tr><td><h1>{{ p.title }}</h1></td></tr>{{ end }}</tbody></table></body></html>");
        var renderer = new DigestRenderer(new TemplateCatalog(folder, Samples));

        // Act
        RenderedDigest digest = renderer.Render(DigestSamples.Daily());

        // Assert
        Assert.Contains("<h1 style=\"color: #123456\">Graph Neural Networks for Molecular Property Prediction</h1>", digest.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style>", digest.Html, StringComparison.Ordinal);
        Assert.Contains("Paperboy · Friday", digest.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_Fails_With_File_Line_And_Column_When_The_Configured_Override_Is_Broken()
    {
        // Arrange
        string folder = Directory.CreateDirectory(Path.Combine(_workspace.Root, "templates")).FullName;
        File.WriteAllText(Path.Combine(folder, "weekly.html.sbn"), "<p>ok</p>\n<p>{{ if heading }}unclosed</p>\n");
        _workspace.Settings["Templates:Directory"] = folder;

        // Act
        CliResult result = await _workspace.RunAsync("subscribers", "list");

        // Assert
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains(Path.Combine(folder, "weekly.html.sbn"), result.Error, StringComparison.Ordinal);
        Assert.Matches(@"line \d+, column \d+", result.Error);
    }

    [Fact]
    public async Task Startup_Fails_When_The_Configured_Folder_Does_Not_Exist()
    {
        // Arrange
        _workspace.Settings["Templates:Directory"] = Path.Combine(_workspace.Root, "missing");

        // Act
        CliResult result = await _workspace.RunAsync("subscribers", "list");

        // Assert
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("Templates:Directory", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_Fails_With_Position_When_The_Strings_Override_Is_Not_Json()
    {
        // Arrange
        string folder = Directory.CreateDirectory(Path.Combine(_workspace.Root, "templates")).FullName;
        File.WriteAllText(Path.Combine(folder, TemplateText.FileName), "{\n  \"lang\": \"de\",\n  oops\n}");
        var catalog = new TemplateCatalog(folder, Samples);

        // Act
        PaperboyException error = Assert.Throws<PaperboyException>(catalog.Validate);

        // Assert
        Assert.Contains($"{Path.Combine(folder, TemplateText.FileName)} line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_Falls_Back_To_The_Built_In_String_When_The_Override_Lacks_It()
    {
        // Arrange: an override written for an older version, translating one string and missing the rest.
        string folder = Directory.CreateDirectory(Path.Combine(_workspace.Root, "templates")).FullName;
        File.WriteAllText(Path.Combine(folder, TemplateText.FileName), """{ "culture": "de-DE", "unsubscribe": "Abbestellen" }""");
        var catalog = new TemplateCatalog(folder, Samples);

        // Act
        Exception? error = Record.Exception(catalog.Validate);

        // Assert
        Assert.Null(error);
        Assert.Equal("Abbestellen", catalog.Text["unsubscribe"]);
        Assert.Equal("Manage preferences", catalog.Text["manage_preferences"]);
        Assert.Equal("Samstag, 28 November 2026", catalog.Text.Date(new DateOnly(2026, 11, 28)));
    }
}
