namespace Paperboy.Templates;

/// <summary>The papers of a weekly digest that matched one interest.</summary>
public sealed record DigestGroupView(string Interest, IReadOnlyList<DigestPaperView> Papers);
