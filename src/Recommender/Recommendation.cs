using Paperboy.Papers;

namespace Paperboy.Recommender;

/// <summary>
/// A paper chosen for a subscriber. <see cref="Score"/> orders papers for one subscriber; <see cref="Relevance"/>
/// is comparable across subscribers (1.0 = just relevant enough to send); <see cref="Reason"/> is the true
/// reason it was chosen.
/// </summary>
public sealed record Recommendation(Paper Paper, double Score, IReadOnlyList<string> MatchedKeywords)
{
    public double Relevance { get; init; }

    /// <summary>The BM25F score of the matched keywords.</summary>
    public double KeywordScore { get; init; }

    /// <summary>The liked paper this one resembles most, when that is why it was chosen.</summary>
    public Paper? SimilarTo { get; init; }

    /// <summary>The popularity that lifted it among equally relevant papers, when it had any.</summary>
    public int? TrendingUpvotes { get; init; }

    public string Reason
    {
        get
        {
            var parts = new List<string>(3);
            if (MatchedKeywords.Count > 0)
            {
                parts.Add($"Matches your keywords: {string.Join(", ", MatchedKeywords)}");
            }

            if (SimilarTo is not null)
            {
                parts.Add($"Like a paper you liked: “{SimilarTo.Title}”");
            }

            if (TrendingUpvotes is { } upvotes)
            {
                parts.Add($"Trending: {upvotes} upvote{(upvotes == 1 ? "" : "s")}");
            }

            return parts.Count == 0 ? "Top match for your interests" : string.Join(" · ", parts);
        }
    }
}
