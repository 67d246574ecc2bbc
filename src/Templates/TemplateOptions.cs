namespace Paperboy.Templates;

public sealed class TemplateOptions
{
    public const string Section = "Templates";

    /// <summary>A folder whose files replace the built-in templates by name (relative to the content root); empty for none.</summary>
    public string Directory { get; set; } = "";
}
