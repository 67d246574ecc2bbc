using System.Globalization;

namespace Paperboy.Recommender;

/// <summary>
/// One keyword of a profile, parsed: <c>graph neural network</c> (every word, anywhere),
/// <c>"graph neural network"</c> (the words next to each other, in order), <c>-survey</c> (a paper that
/// matches is never sent) and an optional weight <c>diffusion^2</c> (default 1).
/// </summary>
public sealed record KeywordQuery(string Text, IReadOnlyList<string> Terms, bool IsPhrase, bool IsNegative, double Weight)
{
    public static KeywordQuery? Parse(string keyword)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        string text = keyword.Trim();
        double weight = 1;
        int caret = text.LastIndexOf('^');
        if (caret > 0 && double.TryParse(text[(caret + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed)
            && parsed > 0 && parsed <= 100)
        {
            weight = parsed;
            text = text[..caret].Trim();
        }

        bool negative = text.StartsWith('-');
        if (negative)
        {
            text = text[1..].Trim();
        }

        bool phrase = text.Length >= 2 && text[0] == '"' && text[^1] == '"';
        if (phrase)
        {
            text = text[1..^1].Trim();
        }

        List<string> terms = TextAnalyzer.Terms(text);
        if (terms.Count == 0)
        {
            return null;
        }

        return new KeywordQuery(text, terms, phrase && terms.Count > 1, negative, weight);
    }
}
