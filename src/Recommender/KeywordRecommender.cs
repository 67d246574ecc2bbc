namespace Paperboy.Recommender;

/// <summary>
/// Ranks papers by the BM25 relevance of a subscriber's keywords. A keyword of several words counts for a
/// paper only when the paper has every one of its words; the keyword scores add up.
/// </summary>
public static class KeywordRecommender
{
    public static IReadOnlyList<Recommendation> Recommend(Bm25Index index, InterestProfile profile, int count, double minScore)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(profile);
        var scores = new Dictionary<int, (double Score, List<string> Keywords)>();
        foreach (string keyword in profile.Keywords.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            List<string> terms = [.. TextAnalyzer.Terms(keyword).Distinct(StringComparer.Ordinal)];
            if (terms.Count == 0)
            {
                continue;
            }

            var perDocument = new Dictionary<int, (double Score, int Terms)>();
            foreach (string term in terms)
            {
                foreach ((int document, double weight) in index.Matches(term))
                {
                    (double score, int matched) = perDocument.GetValueOrDefault(document);
                    perDocument[document] = (score + weight, matched + 1);
                }
            }

            foreach ((int document, (double score, int matched)) in perDocument)
            {
                if (matched < terms.Count || profile.ExcludedPaperIds.Contains(index.Papers[document].Id))
                {
                    continue;
                }

                if (!scores.TryGetValue(document, out (double Score, List<string> Keywords) entry))
                {
                    entry = (0, []);
                }

                entry.Keywords.Add(keyword);
                scores[document] = (entry.Score + score, entry.Keywords);
            }
        }

        return
        [
            .. scores
                .Where(s => s.Value.Score >= minScore)
                .OrderByDescending(s => s.Value.Score)
                .ThenBy(s => index.Papers[s.Key].Id)
                .Take(count)
                .Select(s => new Recommendation(index.Papers[s.Key], s.Value.Score, s.Value.Keywords)),
        ];
    }
}
