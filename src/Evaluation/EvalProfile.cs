namespace Paperboy.Evaluation;

/// <summary>A profile line of the offline contract: <c>{"id", "keywords": [], "liked": [], "disliked": []}</c>.</summary>
public sealed record EvalProfile(string Id, IReadOnlyList<string> Keywords, IReadOnlyList<string> Liked, IReadOnlyList<string> Disliked);
