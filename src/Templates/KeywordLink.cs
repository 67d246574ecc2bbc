namespace Paperboy.Templates;

/// <summary>A link that acts on one of the subscriber's keywords (e.g. mutes it).</summary>
public sealed record KeywordLink(string Keyword, string Url);
