using System.Collections.Concurrent;
using System.Numerics.Tensors;
using Paperboy.Papers;

namespace Paperboy.Recommender;

/// <summary>
/// Everything the ranker needs about a set of papers, computed once: BM25F postings for keywords (title and
/// abstract as two fields), each paper's stemmed term sequence for phrases, unit tf-idf vectors (words and
/// word pairs) for similarity to liked papers, and, when given, sentence embeddings.
/// </summary>
public sealed class PaperIndex
{
    private const float K1 = 1.2f;
    private const float TitleB = 0.5f;
    private const float AbstractB = 0.75f;
    private const int MaxCachedKeywords = 1_000_000;

    private readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private readonly Posting[][] _postings;
    private readonly int[][] _titleTerms;
    private readonly int[][] _abstractTerms;
    private readonly SparseVector[] _vectors;
    private readonly (int Document, float Weight)[][] _featurePostings;
    private readonly Dictionary<long, int> _documentById = [];
    private readonly float[]? _embeddings;
    private readonly bool[]? _embedded;
    private readonly SimilarityCache _similarity;
    private readonly ConcurrentDictionary<string, CompiledKeyword> _keywords = new(StringComparer.Ordinal);
    private int _cachedKeywords;

    /// <param name="papers">The papers, in any order.</param>
    /// <param name="titleWeight">How much a title occurrence counts against an abstract one (BM25F field weight).</param>
    /// <param name="embeddings">
    /// One unit vector per paper, in the same order, or null for the lexical path only. An entry may be null
    /// (a paper not embedded yet): that paper is ranked by the lexical signals in the embedding's place.
    /// </param>
    public PaperIndex(IReadOnlyList<Paper> papers, double titleWeight, IReadOnlyList<float[]?>? embeddings = null)
    {
        ArgumentNullException.ThrowIfNull(papers);
        Papers = papers;
        int n = papers.Count;
        _titleTerms = new int[n][];
        _abstractTerms = new int[n][];
        var postings = new List<(int Document, float Title, float Abstract)>();
        var byTerm = new List<List<(int Document, float Title, float Abstract)>>();
        for (int doc = 0; doc < n; doc++)
        {
            _documentById.TryAdd(papers[doc].Id, doc);
            _titleTerms[doc] = Intern(TextAnalyzer.Terms(papers[doc].Title));
            _abstractTerms[doc] = Intern(TextAnalyzer.Terms(papers[doc].Abstract));
        }

        int[] Intern(List<string> terms)
        {
            var ids = new int[terms.Count];
            for (int i = 0; i < terms.Count; i++)
            {
                if (!_termIds.TryGetValue(terms[i], out int id))
                {
                    _termIds[terms[i]] = id = _termIds.Count;
                    byTerm.Add([]);
                }

                ids[i] = id;
            }

            return ids;
        }

        double avgTitle = n == 0 ? 1 : Math.Max(1, _titleTerms.Average(t => t.Length));
        double avgAbstract = n == 0 ? 1 : Math.Max(1, _abstractTerms.Average(t => t.Length));
        var counts = new Dictionary<int, (float Title, float Abstract)>();
        for (int doc = 0; doc < n; doc++)
        {
            counts.Clear();
            foreach (int t in _titleTerms[doc])
            {
                counts[t] = (counts.GetValueOrDefault(t).Title + 1, counts.GetValueOrDefault(t).Abstract);
            }

            foreach (int t in _abstractTerms[doc])
            {
                counts[t] = (counts.GetValueOrDefault(t).Title, counts.GetValueOrDefault(t).Abstract + 1);
            }

            foreach ((int term, (float title, float abs)) in counts)
            {
                byTerm[term].Add((doc, title, abs));
            }
        }

        _postings = new Posting[byTerm.Count][];
        for (int term = 0; term < byTerm.Count; term++)
        {
            List<(int Document, float Title, float Abstract)> list = byTerm[term];
            double idf = Math.Log(1 + ((n - list.Count + 0.5) / (list.Count + 0.5)));
            var array = new Posting[list.Count];
            for (int i = 0; i < list.Count; i++)
            {
                (int doc, float title, float abs) = list[i];
                // BM25F: field frequencies are length-normalised per field, weighted, then saturated once.
                double tf = (titleWeight * title / (1 - TitleB + (TitleB * _titleTerms[doc].Length / avgTitle)))
                    + (abs / (1 - AbstractB + (AbstractB * _abstractTerms[doc].Length / avgAbstract)));
                array[i] = new Posting(doc, (float)(idf * tf * (K1 + 1) / (tf + K1)));
            }

            _postings[term] = array;
        }

        (_vectors, _featurePostings) = TfIdf.Build(_titleTerms, _abstractTerms, byTerm.Count, (float)titleWeight);

        if (embeddings is not null)
        {
            if (embeddings.Count != n)
            {
                throw new ArgumentException($"{embeddings.Count} embeddings for {n} papers", nameof(embeddings));
            }

            Dimensions = embeddings.FirstOrDefault(e => e is not null)?.Length ?? 0;
            if (Dimensions > 0)
            {
                _embeddings = EmbeddingMath.Centre(embeddings, Dimensions);
                _embedded = [.. embeddings.Select(e => e is not null)];
            }
        }

        _similarity = new SimilarityCache(n, ComputeSimilarity);
    }

    public IReadOnlyList<Paper> Papers { get; }

    public int Count => Papers.Count;

    /// <summary>Whether at least one paper has an embedding.</summary>
    public bool HasEmbeddings => _embeddings is not null;

    /// <summary>Whether this paper has an embedding (every paper of a fully embedded index has).</summary>
    public bool HasEmbedding(int doc) => _embedded is not null && _embedded[doc];

    public int Dimensions { get; }

    public int? DocumentOf(long paperId) => _documentById.TryGetValue(paperId, out int doc) ? doc : null;

    internal int TermId(string term) => _termIds.TryGetValue(term, out int id) ? id : -1;

    internal Posting[] Postings(int termId) => _postings[termId];

    internal int[] TitleTerms(int doc) => _titleTerms[doc];

    internal int[] AbstractTerms(int doc) => _abstractTerms[doc];

    internal SparseVector Vector(int doc) => _vectors[doc];

    internal (int Document, float Weight)[] FeaturePostings(int feature) => _featurePostings[feature];

    internal int FeatureCount => _featurePostings.Length;

    /// <summary>The mean-centred, unit-length embedding of a paper (the index must have embeddings).</summary>
    internal ReadOnlySpan<float> Embedding(int doc) => _embeddings.AsSpan(doc * Dimensions, Dimensions);

    /// <summary>How alike two papers are: embedding cosine when both have embeddings, else tf-idf cosine.</summary>
    internal float Similarity(int a, int b) => _similarity.Similarity(a, b);

    /// <summary>Paper <paramref name="doc"/>'s <see cref="Similarity"/> to every paper, when it is cached (see <see cref="SimilarityCache"/>).</summary>
    internal float[]? SimilarityRow(int doc) => _similarity.Row(doc);

    internal int CachedSimilarityRows => _similarity.CachedRows;

    /// <summary>A profile keyword, parsed and scored against these papers once for all subscribers who share it.</summary>
    internal CompiledKeyword Keyword(string text)
    {
        if (_keywords.TryGetValue(text, out CompiledKeyword? compiled))
        {
            return compiled;
        }

        compiled = KeywordScorer.Compile(this, text);
        // Bounded by the distinct keywords of the subscribers ranked against this index; past the bound, new
        // keywords are scored every time instead of growing the cache.
        // (ConcurrentDictionary.Count takes every lock, so the cache keeps its own count.)
        if (Volatile.Read(ref _cachedKeywords) < MaxCachedKeywords && _keywords.TryAdd(text, compiled))
        {
            Interlocked.Increment(ref _cachedKeywords);
        }

        return compiled;
    }

    private float ComputeSimilarity(int a, int b) =>
        HasEmbedding(a) && HasEmbedding(b) ? TensorPrimitives.Dot(Embedding(a), Embedding(b)) : _vectors[a].Dot(_vectors[b]);

    internal readonly record struct Posting(int Document, float Weight);
}
