using System.Globalization;

namespace Paperboy.Hosting;

/// <summary>"1 paper", "2 papers", "0 papers": a count and its noun in the right number, for what people read.</summary>
public static class Counted
{
    /// <param name="count">How many.</param>
    /// <param name="one">The noun for one.</param>
    /// <param name="many">The plural when it is not <paramref name="one"/> + "s".</param>
    public static string Of(long count, string one, string? many = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many ?? one + "s")}");
}
