using System.Collections.Frozen;

namespace Paperboy.Recommender;

/// <summary>Splits text into case-folded terms: runs of letters and digits, without English stop words.</summary>
public static class TextAnalyzer
{
    private static readonly FrozenSet<string> StopWords = FrozenSet.ToFrozenSet(
        [
            "a", "about", "above", "after", "again", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
            "being", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "during", "each", "for",
            "from", "further", "had", "has", "have", "having", "here", "how", "however", "i", "if", "in", "into", "is", "it",
            "its", "itself", "more", "most", "new", "no", "nor", "not", "of", "on", "once", "only", "or", "other", "our",
            "ours", "out", "over", "own", "same", "should", "so", "some", "such", "than", "that", "the", "their", "them",
            "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very",
            "via", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
            "would", "you", "your",
        ],
        StringComparer.Ordinal);

    public static List<string> Terms(string text)
    {
        var terms = new List<string>();
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                string term = text[start..i].ToLowerInvariant();
                if (term.Length > 1 && !StopWords.Contains(term))
                {
                    terms.Add(term);
                }

                start = -1;
            }
        }

        return terms;
    }
}
