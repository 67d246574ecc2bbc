using Paperboy.Papers;
using Paperboy.Templates;

namespace Paperboy.Subscribers.Web;

/// <summary>
/// The preferences page's liked and disliked papers: a ticked box per paper (untick to forget it), and a field to
/// like more by arXiv id. Each list's boxes are named after it ("liked", "disliked"), and the papers the page
/// showed are sent along ("shownLiked", "shownDisliked"), so only those can be forgotten.
/// </summary>
internal static class OpinionsForm
{
    /// <summary>The stored papers of <paramref name="opinion"/>; ticked as <paramref name="form"/> had them when it is given (shown again with errors).</summary>
    public static async Task<IReadOnlyList<ProfilePaperView>> ViewsAsync(
        OpinionStore opinions, long id, Opinion opinion, IFormCollection? form, CancellationToken cancellationToken)
    {
        IReadOnlyList<ProfilePaper> papers = await opinions.PapersAsync(id, opinion, cancellationToken);
        (string boxes, string shownField) = Fields(opinion);
        HashSet<string> shown = [.. form?[shownField].Select(v => v ?? "") ?? []];
        HashSet<string> kept = [.. form?[boxes].Select(v => v ?? "") ?? []];
        return [.. papers.Select(p => new ProfilePaperView(
            p.PaperKey,
            p.Title,
            PaperIdentity.ArxivAbsUrl(p.PaperKey) ?? "",
            p.PaperId is null,
            !shown.Contains(p.PaperKey) || kept.Contains(p.PaperKey)))];
    }

    /// <summary>The papers shown and unticked, and the valid ids typed in; a problem with the ids goes to <paramref name="errors"/>.</summary>
    public static OpinionsChange Read(IFormCollection form, List<string> errors) => new(
        Unticked(form, Opinion.Liked),
        Unticked(form, Opinion.Disliked),
        SubscriptionRules.LikedPapers(SubscriptionRules.SplitPapers(form["addLiked"].ToString()), errors));

    private static string[] Unticked(IFormCollection form, Opinion opinion)
    {
        (string boxes, string shownField) = Fields(opinion);
        HashSet<string> kept = [.. form[boxes].Select(v => v ?? "")];
        return [.. form[shownField].Select(v => v ?? "").Where(k => k.Length > 0 && !kept.Contains(k)).Distinct(StringComparer.Ordinal)];
    }

    private static (string Boxes, string Shown) Fields(Opinion opinion) =>
        opinion == Opinion.Liked ? ("liked", "shownLiked") : ("disliked", "shownDisliked");
}
