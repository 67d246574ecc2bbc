using Paperboy.Papers;

namespace Paperboy.Recommender;

/// <summary>A paper chosen for a subscriber, with its score and the true reason it was chosen.</summary>
public sealed record Recommendation(Paper Paper, double Score, IReadOnlyList<string> MatchedKeywords)
{
    public string Reason => $"Matches your keywords: {string.Join(", ", MatchedKeywords)}";
}
