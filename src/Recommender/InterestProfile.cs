namespace Paperboy.Recommender;

/// <summary>
/// What a subscriber asked for (keywords, papers they liked and disliked) and the papers they must not be
/// sent again. Liked and disliked papers are never recommended either.
/// </summary>
public sealed record InterestProfile(IReadOnlyList<string> Keywords, IReadOnlySet<long> ExcludedPaperIds)
{
    public IReadOnlyList<long> Liked { get; init; } = [];

    public IReadOnlyList<long> Disliked { get; init; } = [];
}
