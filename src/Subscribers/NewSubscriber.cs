using System.Net.Mail;
using Paperboy.Hosting;

namespace Paperboy.Subscribers;

/// <summary>A validated subscription request.</summary>
public sealed record NewSubscriber(string Email, IReadOnlyList<string> Keywords, DigestFrequency Frequency, string TimeZone, int DeliveryHour)
{
    private const int MaxEmailLength = 254;
    private const int MaxKeywordLength = 100;
    private const int MaxKeywords = 50;

    /// <summary>Checks every field and reports all that are wrong at once.</summary>
    /// <exception cref="PaperboyException">When any field is invalid.</exception>
    public static NewSubscriber Create(string email, string? keywords, string? frequency, string? timeZone, int? hour)
    {
        var errors = new List<string>();
        string address = email.Trim();
        if (!IsEmailAddress(address))
        {
            errors.Add($"'{email}' is not an email address");
        }

        List<string> keywordList = ParseKeywords(keywords);
        if (keywordList.Count == 0)
        {
            errors.Add("at least one keyword is needed (--keywords \"graph neural networks, protein folding\")");
        }
        else if (keywordList.Count > MaxKeywords || keywordList.Any(k => k.Length > MaxKeywordLength))
        {
            errors.Add($"at most {MaxKeywords} keywords of at most {MaxKeywordLength} characters each");
        }

        DigestFrequency? parsedFrequency = (frequency ?? "daily").Trim().ToLowerInvariant() switch
        {
            "daily" => DigestFrequency.Daily,
            "weekly" => DigestFrequency.Weekly,
            _ => null,
        };
        if (parsedFrequency is null)
        {
            errors.Add($"frequency '{frequency}' is not one of: daily, weekly");
        }

        string zone = string.IsNullOrWhiteSpace(timeZone) ? "UTC" : timeZone.Trim();
        if (TimeZoneInfo.TryFindSystemTimeZoneById(zone, out TimeZoneInfo? found))
        {
            // Stored by its IANA name, whatever spelling found it (a Windows name, "utc").
            zone = !found.HasIanaId && TimeZoneInfo.TryConvertWindowsIdToIanaId(found.Id, out string? iana) ? iana : found.Id;
        }
        else
        {
            errors.Add($"'{timeZone}' is not a known time zone (use an IANA name such as Europe/Berlin)");
        }

        int deliveryHour = hour ?? 7;
        if (deliveryHour is < 0 or > 23)
        {
            errors.Add($"hour {hour} is not between 0 and 23");
        }

        return errors.Count > 0
            ? throw new PaperboyException($"invalid subscription: {string.Join("; ", errors)}")
            : new NewSubscriber(address, keywordList, parsedFrequency!.Value, zone, deliveryHour);
    }

    public static List<string> ParseKeywords(string? keywords) =>
        [.. (keywords ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase)];

    private static bool IsEmailAddress(string address) =>
        address.Length <= MaxEmailLength
        && MailAddress.TryCreate(address, out MailAddress? parsed)
        && parsed.Address == address
        && parsed.DisplayName.Length == 0
        && parsed.Host.Contains('.', StringComparison.Ordinal)
        && !parsed.Host.StartsWith('.')
        && !parsed.Host.EndsWith('.');
}
