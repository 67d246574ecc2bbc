namespace Paperboy.Templates;

/// <summary>The hidden antiforgery field every form of the site's own pages carries.</summary>
public sealed record FormToken(string Name, string Value);
