namespace Paperboy.Subscribers;

/// <summary>
/// The IANA zones a mistyped time zone probably meant: people write the city ("Berlin", "new york"), and the error
/// can then name the zone instead of only saying what is wrong.
/// </summary>
internal static class TimeZoneSuggestions
{
    private const int MaxSuggestions = 3;

    // City (the last part of an IANA name, "_" read as a space, any case) → the zones that end in it.
    private static readonly Lazy<ILookup<string, string>> ZonesByCity = new(() => TimeZoneInfo.GetSystemTimeZones()
        .Where(z => z.HasIanaId && z.Id.Contains('/', StringComparison.Ordinal))
        .ToLookup(z => Normalize(z.Id[(z.Id.LastIndexOf('/') + 1)..]), z => z.Id, StringComparer.Ordinal));

    /// <summary>"; did you mean Europe/Berlin?" for "Berlin" or "europe/berlin", or "" when no zone's city is spelt that way.</summary>
    public static string For(string input)
    {
        string city = input[(input.LastIndexOf('/') + 1)..];
        string[] zones = [.. ZonesByCity.Value[Normalize(city)].Order(StringComparer.Ordinal).Take(MaxSuggestions)];
        return zones.Length == 0 ? "" : $"; did you mean {string.Join(" or ", zones)}?";
    }

    private static string Normalize(string name) => name.Trim().Replace('_', ' ').ToUpperInvariant();
}
