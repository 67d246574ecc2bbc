namespace Paperboy.Recommender;

/// <summary>
/// BM25F scores of one keyword over an index: a keyword counts for a paper only when the paper has every one
/// of its (stemmed) words, next to each other and in order for a quoted phrase; the score is the sum of its
/// words' BM25F weights times the keyword's weight. Computed once per keyword and index (<see cref="PaperIndex.Keyword"/>),
/// since subscribers share keywords; a paper matching a negative keyword is banned.
/// </summary>
internal static class KeywordScorer
{
    public static CompiledKeyword Compile(PaperIndex index, string text)
    {
        if (KeywordQuery.Parse(text) is not { } keyword)
        {
            return CompiledKeyword.Empty;
        }

        string key = $"{keyword.IsNegative}|{keyword.IsPhrase}|{string.Join(' ', keyword.Terms)}";
        int[] termIds = [.. keyword.Terms.Select(index.TermId)];
        if (termIds.Any(id => id < 0))
        {
            return new CompiledKeyword(keyword, key, [], []);
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

        var documents = new List<int>();
        var scores = new List<float>();
        foreach ((int doc, (float score, int matched)) in perDocument)
        {
            if (matched < distinct.Length
                || (keyword.IsPhrase && !ContainsPhrase(index.TitleTerms(doc), termIds) && !ContainsPhrase(index.AbstractTerms(doc), termIds)))
            {
                continue;
            }

            documents.Add(doc);
            scores.Add((float)(score * keyword.Weight));
        }

        return new CompiledKeyword(keyword, key, [.. documents], [.. scores]);
    }

    private static bool ContainsPhrase(int[] terms, int[] phrase) =>
        terms.AsSpan().IndexOf(phrase) >= 0;
}
