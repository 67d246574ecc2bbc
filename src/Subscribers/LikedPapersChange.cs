namespace Paperboy.Subscribers;

/// <summary>
/// What the preferences page changes in the liked papers: those it showed and the subscriber unticked are
/// forgotten (a like added meanwhile, from a digest in another tab, is not one it showed, so it stays), and
/// <see cref="Add"/> (catalog keys of arXiv ids) are liked like those named at sign-up.
/// </summary>
public sealed record LikedPapersChange(IReadOnlyList<string> Forget, IReadOnlyList<string> Add);
