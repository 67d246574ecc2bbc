using System.Collections.Concurrent;
using System.Collections.Frozen;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Paperboy.Recommender;

/// <summary>
/// Splits text into case-folded, stemmed terms: runs of letters and digits, without English stop words,
/// each reduced by the Snowball English (Porter2) stemmer so "networks" matches "network".
/// </summary>
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

    // The stemmer keeps state between calls, so each thread has its own; stems are pure, so they are shared.
    [ThreadStatic]
    private static EnglishStemmer? _stemmer;

    private static readonly ConcurrentDictionary<string, string> Stems = new(StringComparer.Ordinal);

    /// <summary>The stemmed terms of <paramref name="text"/>, in order (repeats kept).</summary>
    public static List<string> Terms(string text)
    {
        List<string> words = Words(text);
        for (int i = 0; i < words.Count; i++)
        {
            words[i] = Stem(words[i]);
        }

        return words;
    }

    /// <summary>The case-folded words of <paramref name="text"/> without stop words, not stemmed.</summary>
    public static List<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
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

    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (Stems.TryGetValue(word, out string? stem))
        {
            return stem;
        }

        EnglishStemmer stemmer = _stemmer ??= new EnglishStemmer();
        stemmer.SetCurrent(word);
        stemmer.Stem();
        stem = stemmer.Current;
        // Bounded in practice by the vocabulary; a hostile feed could only grow it by its own size.
        Stems.TryAdd(word, stem);
        return stem;
    }
}
