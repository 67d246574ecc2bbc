using Paperboy.Papers;
using Paperboy.Recommender;

namespace Paperboy.Tests.Recommender;

/// <summary>
/// A generated day of papers and subscribers that uses every feature of a profile: plain, multi-word,
/// quoted, negative, weighted, empty and unknown keywords, liked, disliked and already-sent papers, and
/// papers with and without engagement, including near-duplicates. Deterministic for a seed.
/// </summary>
internal sealed class SyntheticDay
{
    private static readonly string[] Words =
    [
        "graph", "graphs", "neural", "network", "networks", "learning", "learned", "deep", "model", "models",
        "diffusion", "protein", "folding", "language", "transformer", "attention", "retrieval", "ranking",
        "citation", "molecule", "molecular", "image", "images", "segmentation", "robot", "control", "policy",
        "reinforcement", "bayesian", "inference", "variational", "sampling", "markov", "chain", "kernel",
        "sparse", "matrix", "tensor", "optimization", "gradient", "stochastic", "convex", "quantum", "circuit",
        "error", "correction", "privacy", "federated", "fairness", "causal", "survey", "benchmark", "dataset",
        "speech", "audio", "translation", "summarization", "question", "answering", "knowledge", "reasoning",
        "planning", "vision", "video", "tracking", "detection", "object", "scene", "point", "cloud", "mesh",
        "physics", "fluid", "climate", "weather", "forecasting", "time", "series", "anomaly", "clustering",
        "embedding", "contrastive", "self", "supervised", "studies", "study", "theory", "bounds", "efficient",
    ];

    public SyntheticDay(int papers, int seed, bool embeddings = false)
    {
        var random = new Random(seed);
        var list = new List<Paper>(papers);
        for (int i = 1; i <= papers; i++)
        {
            // Every tenth paper repeats the one before it almost word for word (a near-duplicate).
            string title = i % 10 == 0 ? list[^1].Title + " revisited" : Sentence(random, random.Next(4, 10));
            string abstractText = i % 10 == 0 ? list[^1].Abstract : Sentence(random, random.Next(15, 41));
            int? upvotes = random.Next(3) == 0 ? random.Next(0, 200) : null;
            int? comments = random.Next(4) == 0 ? random.Next(0, 30) : null;
            DateTimeOffset published = Now.AddHours(-random.Next(1, 120));
            list.Add(new Paper(i, $"id:{i}", title, abstractText, [], null, published, upvotes) { Comments = comments });
        }

        Papers = list;
        float[][]? vectors = embeddings
            ? [.. list.Select(_ => Enumerable.Range(0, 16).Select(_ => (float)random.NextDouble() - 0.5f).ToArray())]
            : null;
        Index = new PaperIndex(list, 2.0, vectors);
    }

    public static DateTimeOffset Now { get; } = new(2026, 11, 27, 6, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<Paper> Papers { get; }

    public PaperIndex Index { get; }

    /// <summary>Subscriber <paramref name="n"/>'s profile, the same on every call.</summary>
    public InterestProfile Profile(int n)
    {
        var random = new Random(n);
        var keywords = new List<string>();
        for (int k = random.Next(3, 9); k > 0; k--)
        {
            keywords.Add(random.Next(12) switch
            {
                0 => "\"" + Phrase(random) + "\"",
                1 => Phrase(random),
                2 => "-" + Word(random),
                3 => Word(random) + "^2",
                4 => "the",
                5 => "zyzzyva",
                6 => Word(random).ToUpperInvariant(),
                _ => Word(random),
            });
        }

        return new InterestProfile(keywords, Ids(random, random.Next(0, 11)).ToHashSet())
        {
            Liked = Ids(random, random.Next(0, 21)),
            Disliked = Ids(random, random.Next(0, 4)),
        };
    }

    private static string Word(Random random) => Words[(int)(Math.Pow(random.NextDouble(), 2) * Words.Length)];

    private static string Sentence(Random random, int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ => Word(random)));

    private string Phrase(Random random)
    {
        // Two adjacent words of a real title, so quoted phrases do match sometimes.
        string[] words = Papers[random.Next(Papers.Count)].Title.Split(' ');
        int at = random.Next(words.Length - 1);
        return words[at] + " " + words[at + 1];
    }

    // Ids past the last paper are not in the index: a profile may name papers the day does not have.
    private long[] Ids(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => (long)random.Next(1, Papers.Count + 20))];
}
