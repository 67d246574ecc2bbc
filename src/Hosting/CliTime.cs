using System.Globalization;

namespace Paperboy.Hosting;

/// <summary>
/// Times on the command line, one way everywhere: "2026-11-28 15:34 UTC". Stored times are ISO-8601 text; an
/// operator reading several commands' output side by side should not meet three spellings of one instant.
/// </summary>
public static class CliTime
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A stored UTC text in the same words; the text itself when it does not parse.</summary>
    public static string Format(string stored) =>
        DateTimeOffset.TryParse(stored, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at) ? Format(at) : stored;
}
