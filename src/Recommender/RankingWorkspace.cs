namespace Paperboy.Recommender;

/// <summary>
/// The buffers one ranking needs, kept per thread and reused from one subscriber to the next, so ranking a
/// day for a million subscribers allocates only what it returns.
/// </summary>
internal sealed class RankingWorkspace
{
    [ThreadStatic]
    private static RankingWorkspace? _current;

    private RankingWorkspace(int count, int features)
    {
        Count = count;
        Banned = new bool[count];
        Marked = new bool[count];
        KeywordScores = new float[count];
        TextScores = new float[count];
        Relevance = new float[count];
        MatchHead = new int[count];
        Centroid = new float[features];
        InCentroid = new bool[features];
    }

    public int Count { get; }

    public bool[] Banned { get; }

    /// <summary>Scratch marks, all false between uses.</summary>
    public bool[] Marked { get; }

    public float[] KeywordScores { get; }

    public float[] TextScores { get; }

    public float[] Relevance { get; }

    /// <summary>Per paper, 1 + the index in <see cref="MatchKeyword"/> of its last matched keyword, or 0 for none.</summary>
    public int[] MatchHead { get; }

    /// <summary>The matched keyword of each match entry, and the entry before it for the same paper (1-based, 0 ends).</summary>
    public List<(int Keyword, int Previous)> MatchKeyword { get; } = [];

    public List<CompiledKeyword> Keywords { get; } = [];

    public List<int> Liked { get; } = [];

    public List<int> Disliked { get; } = [];

    /// <summary>The Rocchio centroid by feature, with the features in the order they were first added.</summary>
    public float[] Centroid { get; }

    public bool[] InCentroid { get; }

    public List<int> CentroidFeatures { get; } = [];

    public CandidatePool Pool { get; } = new();

    /// <summary>This thread's workspace for <paramref name="index"/>, cleared of the previous ranking.</summary>
    public static RankingWorkspace For(PaperIndex index)
    {
        RankingWorkspace? workspace = _current;
        if (workspace is null || workspace.Count != index.Count || workspace.Centroid.Length < index.FeatureCount)
        {
            _current = workspace = new RankingWorkspace(index.Count, index.FeatureCount);
        }

        Array.Clear(workspace.Banned);
        Array.Clear(workspace.KeywordScores);
        Array.Clear(workspace.MatchHead);
        workspace.MatchKeyword.Clear();
        workspace.Keywords.Clear();
        workspace.Liked.Clear();
        workspace.Disliked.Clear();
        return workspace;
    }

    public void AddMatch(int doc, int keyword)
    {
        MatchKeyword.Add((keyword, MatchHead[doc]));
        MatchHead[doc] = MatchKeyword.Count;
    }

    /// <summary>The keywords <paramref name="doc"/> matched, in profile order.</summary>
    public string[] Matched(int doc)
    {
        int count = 0;
        for (int entry = MatchHead[doc]; entry > 0; entry = MatchKeyword[entry - 1].Previous)
        {
            count++;
        }

        var texts = new string[count];
        for (int entry = MatchHead[doc]; entry > 0; entry = MatchKeyword[entry - 1].Previous)
        {
            texts[--count] = Keywords[MatchKeyword[entry - 1].Keyword].Query!.Text;
        }

        return texts;
    }

    /// <summary>The distinct papers of <paramref name="ids"/> that are in the index, in first-seen order.</summary>
    public void Documents(PaperIndex index, IReadOnlyList<long> ids, List<int> documents)
    {
        for (int i = 0; i < ids.Count; i++)
        {
            if (index.DocumentOf(ids[i]) is { } doc && !Marked[doc])
            {
                Marked[doc] = true;
                documents.Add(doc);
            }
        }

        foreach (int doc in documents)
        {
            Marked[doc] = false;
        }
    }
}
