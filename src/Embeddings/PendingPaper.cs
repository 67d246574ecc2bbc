namespace Paperboy.Embeddings;

/// <summary>A stored paper that has no vector yet: what the embedder needs of it.</summary>
public sealed record PendingPaper(long Id, string Title, string Abstract)
{
    public string Text => PaperEmbeddings.TextOf(Title, Abstract);
}
