using System.ComponentModel.DataAnnotations;

namespace Paperboy.Storage;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>The SQLite file; a relative path is resolved against the content root.</summary>
    [Required]
    public string Path { get; set; } = "data/paperboy.db";
}
