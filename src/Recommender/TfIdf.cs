namespace Paperboy.Recommender;

/// <summary>
/// Unit-length tf-idf vectors over words and adjacent word pairs (sublinear tf, smoothed idf), the features
/// arxiv-sanity-lite uses, with title occurrences weighted like BM25F's title field.
/// </summary>
internal static class TfIdf
{
    public static (SparseVector[] Vectors, (int Document, float Weight)[][] Postings) Build(
        int[][] titles, int[][] abstracts, int vocabulary, float titleWeight)
    {
        int n = titles.Length;
        var pairIds = new Dictionary<long, int>();
        var documents = new Dictionary<int, float>[n];
        var df = new List<int>(new int[vocabulary]);
        for (int doc = 0; doc < n; doc++)
        {
            var counts = new Dictionary<int, float>();
            Count(titles[doc], titleWeight);
            Count(abstracts[doc], 1);
            documents[doc] = counts;
            foreach (int feature in counts.Keys)
            {
                df[feature]++;
            }

            void Count(int[] terms, float weight)
            {
                for (int i = 0; i < terms.Length; i++)
                {
                    counts[terms[i]] = counts.GetValueOrDefault(terms[i]) + weight;
                    if (i + 1 < terms.Length)
                    {
                        long key = ((long)terms[i] << 32) | (uint)terms[i + 1];
                        if (!pairIds.TryGetValue(key, out int id))
                        {
                            pairIds[key] = id = vocabulary + pairIds.Count;
                            df.Add(0);
                        }

                        counts[id] = counts.GetValueOrDefault(id) + weight;
                    }
                }
            }
        }

        // Features in one paper only cannot relate two papers; features in over half of a large catalog
        // say nothing about any one paper.
        int minDf = n >= 50 ? 2 : 1;
        int maxDf = n >= 100 ? n / 2 : n;
        var vectors = new SparseVector[n];
        var postings = new List<(int Document, float Weight)>[df.Count];
        for (int doc = 0; doc < n; doc++)
        {
            var features = new List<(int Feature, float Weight)>();
            foreach ((int feature, float tf) in documents[doc])
            {
                if (df[feature] < minDf || df[feature] > maxDf)
                {
                    continue;
                }

                double idf = Math.Log((1.0 + n) / (1.0 + df[feature])) + 1;
                features.Add((feature, (float)((1 + Math.Log(tf)) * idf)));
            }

            features.Sort((a, b) => a.Feature.CompareTo(b.Feature));
            float norm = MathF.Sqrt(features.Sum(f => f.Weight * f.Weight));
            var ids = new int[features.Count];
            var weights = new float[features.Count];
            for (int i = 0; i < features.Count; i++)
            {
                ids[i] = features[i].Feature;
                weights[i] = features[i].Weight / norm;
                (postings[ids[i]] ??= []).Add((doc, weights[i]));
            }

            vectors[doc] = new SparseVector(ids, weights);
        }

        return (vectors, [.. postings.Select(p => p is null ? [] : p.ToArray())]);
    }
}
