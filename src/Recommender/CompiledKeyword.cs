namespace Paperboy.Recommender;

/// <summary>
/// One keyword as an index sees it: the parsed query, the key under which two spellings count as one
/// keyword, and the papers it matches with the score it adds to each (already times its weight).
/// </summary>
internal sealed record CompiledKeyword(KeywordQuery? Query, string Key, int[] Documents, float[] Scores)
{
    /// <summary>A keyword with no words (only stop words or punctuation): ignored.</summary>
    public static CompiledKeyword Empty { get; } = new(null, "", [], []);
}
