namespace Paperboy.Templates;

public sealed record DigestPaperView(int Rank, string Title, string Url, string Authors, string Abstract, string Why, int? Upvotes);
