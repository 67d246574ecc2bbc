namespace Paperboy.Subscribers;

/// <summary>
/// What the preferences page changes in the liked and disliked papers: those it showed and the subscriber
/// unticked are forgotten (an opinion given meanwhile, from a digest in another tab, is not one it showed, so it
/// stays), and <see cref="AddLiked"/> (catalog keys of arXiv ids) are liked like those named at sign-up.
/// </summary>
public sealed record OpinionsChange(IReadOnlyList<string> ForgetLiked, IReadOnlyList<string> ForgetDisliked, IReadOnlyList<string> AddLiked)
{
    public static OpinionsChange None { get; } = new([], [], []);
}
