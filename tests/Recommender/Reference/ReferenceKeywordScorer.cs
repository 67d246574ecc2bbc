using Paperboy.Recommender;

namespace Paperboy.Tests.Recommender.Reference;

/// <summary>
/// BM25F scores of a profile's keywords: a keyword counts for a paper only when the paper has every one of
/// its (stemmed) words, next to each other and in order for a quoted phrase; scores add up, times each
/// keyword's weight. A paper matching a negative keyword is banned.
/// </summary>
internal static class ReferenceKeywordScorer
{
    public static void Score(
        PaperIndex index,
        IReadOnlyList<KeywordQuery> keywords,
        float[] scores,
        bool[] banned,
        Dictionary<int, List<int>> matches)
    {
        for (int k = 0; k < keywords.Count; k++)
        {
            KeywordQuery keyword = keywords[k];
            int[] termIds = [.. keyword.Terms.Select(index.TermId)];
            if (termIds.Any(id => id < 0))
            {
                continue;
            }

            int[] distinct = [.. termIds.Distinct()];
            // Start from the rarest term: the fewest candidates to check against the others.
            Array.Sort(distinct, (a, b) => index.Postings(a).Length.CompareTo(index.Postings(b).Length));
            var perDocument = new Dictionary<int, (float Score, int Terms)>();
            foreach (PaperIndex.Posting posting in index.Postings(distinct[0]))
            {
                perDocument[posting.Document] = (posting.Weight, 1);
            }

            for (int t = 1; t < distinct.Length && perDocument.Count > 0; t++)
            {
                foreach (PaperIndex.Posting posting in index.Postings(distinct[t]))
                {
                    if (perDocument.TryGetValue(posting.Document, out (float Score, int Terms) entry) && entry.Terms == t)
                    {
                        perDocument[posting.Document] = (entry.Score + posting.Weight, t + 1);
                    }
                }
            }

            foreach ((int doc, (float score, int matched)) in perDocument)
            {
                if (matched < distinct.Length
                    || (keyword.IsPhrase && !ContainsPhrase(index.TitleTerms(doc), termIds) && !ContainsPhrase(index.AbstractTerms(doc), termIds)))
                {
                    continue;
                }

                if (keyword.IsNegative)
                {
                    banned[doc] = true;
                    continue;
                }

                scores[doc] += (float)(score * keyword.Weight);
                if (!matches.TryGetValue(doc, out List<int>? list))
                {
                    matches[doc] = list = [];
                }

                list.Add(k);
            }
        }
    }

    private static bool ContainsPhrase(int[] terms, int[] phrase) =>
        terms.AsSpan().IndexOf(phrase) >= 0;
}
