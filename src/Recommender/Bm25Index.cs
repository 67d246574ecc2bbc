using Paperboy.Papers;

namespace Paperboy.Recommender;

/// <summary>
/// Okapi BM25 statistics over the catalog, with title terms counted <c>titleWeight</c> times
/// (a simple BM25F: a keyword in the title says more about a paper than one in the abstract).
/// </summary>
public sealed class Bm25Index
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly Dictionary<string, List<Posting>> _postings = new(StringComparer.Ordinal);
    private readonly double[] _lengths;
    private readonly double _averageLength;

    public Bm25Index(IReadOnlyList<Paper> papers, double titleWeight)
    {
        ArgumentNullException.ThrowIfNull(papers);
        Papers = papers;
        _lengths = new double[papers.Count];
        for (int doc = 0; doc < papers.Count; doc++)
        {
            var frequencies = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (string term in TextAnalyzer.Terms(papers[doc].Title))
            {
                frequencies[term] = frequencies.GetValueOrDefault(term) + titleWeight;
            }

            foreach (string term in TextAnalyzer.Terms(papers[doc].Abstract))
            {
                frequencies[term] = frequencies.GetValueOrDefault(term) + 1;
            }

            foreach ((string term, double frequency) in frequencies)
            {
                if (!_postings.TryGetValue(term, out List<Posting>? list))
                {
                    _postings[term] = list = [];
                }

                list.Add(new Posting(doc, frequency));
                _lengths[doc] += frequency;
            }
        }

        _averageLength = papers.Count == 0 ? 1 : Math.Max(1, _lengths.Average());
    }

    public IReadOnlyList<Paper> Papers { get; }

    /// <summary>The documents containing <paramref name="term"/>, with each one's BM25 weight for it.</summary>
    public IEnumerable<(int Document, double Weight)> Matches(string term)
    {
        if (!_postings.TryGetValue(term, out List<Posting>? list))
        {
            yield break;
        }

        double n = Papers.Count;
        double idf = Math.Log(1 + ((n - list.Count + 0.5) / (list.Count + 0.5)));
        foreach (Posting posting in list)
        {
            double norm = K1 * (1 - B + (B * _lengths[posting.Document] / _averageLength));
            yield return (posting.Document, idf * posting.Frequency * (K1 + 1) / (posting.Frequency + norm));
        }
    }

    private readonly record struct Posting(int Document, double Frequency);
}
