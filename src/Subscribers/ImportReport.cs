namespace Paperboy.Subscribers;

/// <summary>What <c>subscribers import</c> did: rows stored (active or pending) and rows skipped (invalid or already subscribed).</summary>
public sealed record ImportReport(int Active, int Pending, int Invalid, int AlreadySubscribed)
{
    public int Skipped => Invalid + AlreadySubscribed;
}
