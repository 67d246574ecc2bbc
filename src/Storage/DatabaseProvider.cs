namespace Paperboy.Storage;

/// <summary>The database engine behind every store (Database:Provider).</summary>
public enum DatabaseProvider
{
    /// <summary>One file next to the service: the embedded default for one machine.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server that several nodes share.</summary>
    Postgres,
}
