namespace Paperboy.Subscribers;

/// <summary>A subscriber's feedback on a paper ("more like this" / "less like this").</summary>
public enum Opinion
{
    Liked,
    Disliked,
}
