using MimeKit;
using Paperboy.Papers;

namespace Paperboy.Subscribers;

/// <summary>The validation shared by the command line, the subscribe form, the JSON API and the preferences page.</summary>
public static class SubscriptionRules
{
    public const int MaxEmailLength = 254;
    public const int MaxKeywords = 50;
    public const int MaxKeywordLength = 100;
    public const int MaxPapersPerDigest = 50;
    public const int MaxLikedPapers = 20;

    public static string? Email(string email, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        string address = (email ?? "").Trim();
        if (address.Length == 0)
        {
            errors.Add("an email address is needed");
            return null;
        }

        if (address.Length > MaxEmailLength || address.Any(char.IsControl)
            || !MailboxAddress.TryParse(ParserOptions.Default, address, out MailboxAddress? parsed)
            || !string.IsNullOrEmpty(parsed.Name) || parsed.Address != address
            || parsed.LocalPart.Length == 0 || parsed.Domain.Length == 0
            || !parsed.Domain.Contains('.', StringComparison.Ordinal) || parsed.Domain.StartsWith('.') || parsed.Domain.EndsWith('.'))
        {
            errors.Add($"'{email}' is not an email address");
            return null;
        }

        return address;
    }

    public static List<string> Keywords(IEnumerable<string>? keywords, List<string> errors, bool required = true)
    {
        ArgumentNullException.ThrowIfNull(errors);
        List<string> list = EachKeyword(keywords, errors);
        if (list.Count == 0 && required)
        {
            errors.Add("at least one keyword is needed (for example: graph neural networks, protein folding)");
        }

        KeywordCount(list.Count, errors);
        return list;
    }

    /// <summary>
    /// The keywords trimmed, without blanks and repeats, each checked on its own but not counted (the preferences
    /// page counts active and muted ones together). A keyword may not hold a comma or a line break, because the
    /// preferences page and <c>subscribers add</c> show and read keywords as a comma- or line-separated list: such a
    /// keyword would be split in two on the next save.
    /// </summary>
    public static List<string> EachKeyword(IEnumerable<string>? keywords, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        List<string> list = [.. (keywords ?? []).Select(k => (k ?? "").Trim()).Where(k => k.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
        foreach (string keyword in list)
        {
            if (keyword.Any(IsLineBreak))
            {
                errors.Add($"keyword '{Shown(keyword)}' has a line break; give each keyword on its own");
            }
            else if (keyword.Any(char.IsControl))
            {
                errors.Add($"keyword '{Shown(keyword)}' has a tab or other control character; write it as plain text");
            }
            else if (keyword.Contains(',', StringComparison.Ordinal))
            {
                errors.Add($"keyword '{Shown(keyword)}' has a comma: keywords are separated by commas, so give each keyword on its own");
            }
            else if (keyword.Length > MaxKeywordLength)
            {
                errors.Add($"keyword '{Shown(keyword)}' is longer than {MaxKeywordLength} characters");
            }
        }

        return list;
    }

    public static void KeywordCount(int count, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (count > MaxKeywords)
        {
            errors.Add($"at most {MaxKeywords} keywords ({count} given)");
        }
    }

    public static List<string> SplitKeywords(string? keywords) =>
        [.. (keywords ?? "").Split([',', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\v' or '\f' or '\u0085' or '\u2028' or '\u2029';

    // A keyword as an error quotes it: control characters written out (\n, \t), so the message stays one line; long ones cut.
    private static string Shown(string keyword)
    {
        var text = new System.Text.StringBuilder(keyword.Length);
        foreach (char c in keyword)
        {
            text.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return Shorten(text.ToString());
    }

    public static DigestFrequency Frequency(string? frequency, List<string> errors, bool allowPaused = false)
    {
        ArgumentNullException.ThrowIfNull(errors);
        DigestFrequency? parsed = (frequency ?? "daily").Trim().ToLowerInvariant() switch
        {
            "daily" => DigestFrequency.Daily,
            "weekly" => DigestFrequency.Weekly,
            "instant" => DigestFrequency.Instant,
            "paused" when allowPaused => DigestFrequency.Paused,
            _ => null,
        };
        if (parsed is null)
        {
            errors.Add($"frequency '{frequency}' is not one of: daily, weekly, instant{(allowPaused ? ", paused" : "")}");
        }

        return parsed ?? DigestFrequency.Daily;
    }

    /// <summary>Papers named at sign-up: arXiv ids or links (abs or pdf, any version), as catalog keys (<c>arxiv:2401.12345</c>).</summary>
    public static IReadOnlyList<string> LikedPapers(IEnumerable<string>? papers, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        List<string> given = [.. (papers ?? []).Select(p => p.Trim()).Where(p => p.Length > 0)];
        if (given.Count > MaxLikedPapers)
        {
            errors.Add($"at most {MaxLikedPapers} liked papers");
            return [];
        }

        var keys = new List<string>();
        foreach (string text in given)
        {
            if (PaperIdentity.ArxivId(text) is { } id)
            {
                // As the feeds write old-style ids (hep-th/9901001), so a typed HEP-TH finds the same paper.
                keys.Add(PaperIdentity.ArxivKey(id.ToLowerInvariant()));
            }
            else
            {
                errors.Add($"'{Shorten(text)}' is not an arXiv id or link (like 2401.12345 or https://arxiv.org/abs/2401.12345)");
            }
        }

        return [.. keys.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Splits a form's list of papers: one per line, or separated by commas (a pasted title stays one entry, and its error names it whole).</summary>
    public static IReadOnlyList<string> SplitPapers(string? text) =>
        (text ?? "").Split([',', ';', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "…");

    /// <summary>The day a weekly digest goes out on, or null (empty) for the configured one.</summary>
    public static DayOfWeek? Weekday(string? day, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(day))
        {
            return null;
        }

        // Names only: Enum.TryParse would also take "3" or "1, 2".
        DayOfWeek? parsed = Enum.GetValues<DayOfWeek>().Cast<DayOfWeek?>().FirstOrDefault(d => string.Equals(d.ToString(), day.Trim(), StringComparison.OrdinalIgnoreCase));
        if (parsed is null)
        {
            errors.Add($"weekly day '{day}' is not a weekday (monday … sunday)");
        }

        return parsed;
    }

    /// <summary>The zone's IANA name, whatever spelling found it (a Windows name, "utc").</summary>
    public static string TimeZone(string? timeZone, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        string zone = string.IsNullOrWhiteSpace(timeZone) ? "UTC" : timeZone.Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out TimeZoneInfo? found))
        {
            string suggestion = TimeZoneSuggestions.For(zone);
            errors.Add(suggestion.Length > 0
                ? $"'{timeZone}' is not a known time zone{suggestion}"
                : $"'{timeZone}' is not a known time zone (use an IANA name such as Europe/Berlin)");
            return zone;
        }

        return !found.HasIanaId && TimeZoneInfo.TryConvertWindowsIdToIanaId(found.Id, out string? iana) ? iana : found.Id;
    }

    public static int Hour(int? hour, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        int value = hour ?? 7;
        if (value is < 0 or > 23)
        {
            errors.Add($"hour {hour} is not between 0 and 23");
        }

        return value;
    }

    public static int? PapersPerDigest(int? count, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (count is < 1 or > MaxPapersPerDigest)
        {
            errors.Add($"papers per digest {count} is not between 1 and {MaxPapersPerDigest}");
        }

        return count;
    }
}
