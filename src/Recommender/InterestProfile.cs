namespace Paperboy.Recommender;

/// <summary>What a subscriber asked for, and the papers they must not be sent again.</summary>
public sealed record InterestProfile(IReadOnlyList<string> Keywords, IReadOnlySet<long> ExcludedPaperIds);
