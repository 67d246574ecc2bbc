namespace Paperboy.Templates;

/// <summary>A liked paper on the preferences page: a ticked box (untick to forget it), its title, and a link when it is on arXiv.</summary>
public sealed record ProfilePaperView(string Key, string Title, string Url, bool Pending, bool Checked);
