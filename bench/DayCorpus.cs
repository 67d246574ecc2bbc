using System.Globalization;
using Paperboy.Papers;
using Paperboy.Recommender;

namespace Paperboy.Bench;

/// <summary>One day's papers (real titles from citeulike-a, or a JSONL file) and the words subscribers pick keywords from.</summary>
internal sealed record DayCorpus(PaperIndex Index, IReadOnlyList<Paper> Papers, string[] Vocabulary)
{
    public static DayCorpus Load(string path, int count)
    {
        List<Paper> papers = [];
        if (Directory.Exists(path))
        {
            int id = 0;
            foreach (string title in File.ReadLines(Path.Combine(path, "titles.txt")).Take(count))
            {
                id++;
                papers.Add(new Paper(id, id.ToString(CultureInfo.InvariantCulture), title, "", [], null, null, null));
            }
        }
        else
        {
            papers = [.. Paperboy.Evaluation.EvalFiles.ReadPapers(path).Take(count)];
        }

        // Keywords are words that occur in 2 to 50 of the papers: what real interests look like here.
        string[] vocabulary =
        [
            .. papers.SelectMany(p => TextAnalyzer.Words(p.Title).Distinct())
                .GroupBy(w => w)
                .Where(g => g.Count() is >= 2 and <= 50)
                .Select(g => g.Key)
                .Order(StringComparer.Ordinal),
        ];
        return new DayCorpus(new PaperIndex(papers, 2.0), papers, vocabulary);
    }

    /// <summary>
    /// Subscriber <paramref name="n"/>'s profile, the same on every call (no profile is kept in memory). Plain
    /// loops rather than LINQ, so making profiles costs the timed runs little; the random draws are the same.
    /// </summary>
    public InterestProfile Profile(int n)
    {
        var random = new Random(n);
        var keywords = new string[random.Next(3, 9)];
        for (int i = 0; i < keywords.Length; i++)
        {
            keywords[i] = Vocabulary[random.Next(Vocabulary.Length)];
        }

        int draws = random.Next(0, 21);
        var liked = new List<long>(draws);
        for (int i = 0; i < draws; i++)
        {
            long id = Papers[random.Next(Papers.Count)].Id;
            if (!liked.Contains(id))
            {
                liked.Add(id);
            }
        }

        return new InterestProfile(keywords, EmptySet) { Liked = liked };
    }

    private static readonly HashSet<long> EmptySet = [];
}
