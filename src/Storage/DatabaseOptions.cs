using System.ComponentModel.DataAnnotations;

namespace Paperboy.Storage;

public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Database";

    /// <summary><c>sqlite</c> (default, one machine) or <c>postgres</c> (one server, any number of nodes).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The SQLite file; a relative path is resolved against the content root.</summary>
    public string Path { get; set; } = "data/paperboy.db";

    /// <summary>
    /// The PostgreSQL connection string (Npgsql syntax: <c>Host=db;Database=paperboy;Username=paperboy;Password=...</c>);
    /// required when <see cref="Provider"/> is postgres, ignored otherwise.
    /// </summary>
    public string? ConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Provider))
        {
            yield return new ValidationResult("Database:Provider must be 'sqlite' or 'postgres'", [nameof(Provider)]);
        }

        if (Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(Path))
        {
            yield return new ValidationResult("Database:Path is required when Database:Provider is sqlite", [nameof(Path)]);
        }

        if (Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Database:ConnectionString is required when Database:Provider is postgres (e.g. Host=127.0.0.1;Database=paperboy;Username=paperboy)",
                [nameof(ConnectionString)]);
        }
    }
}
