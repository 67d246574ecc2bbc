using Paperboy.Templates;

namespace Paperboy.Subscribers.Web;

/// <summary>The preferences page's "papers you liked": a box per liked paper, and a field to add arXiv ids.</summary>
internal static class LikedPapersForm
{
    private const string ArxivPrefix = "arxiv:";

    /// <summary>The stored liked papers; ticked as <paramref name="form"/> had them when it is given (the form is shown again with errors).</summary>
    public static async Task<IReadOnlyList<LikedPaperView>> ViewsAsync(ProfileStore profiles, long id, IFormCollection? form, CancellationToken cancellationToken)
    {
        IReadOnlyList<LikedPaper> liked = await profiles.LikedAsync(id, cancellationToken);
        HashSet<string> shown = [.. form?["shownLiked"].Select(v => v ?? "") ?? []];
        HashSet<string> kept = [.. form?["liked"].Select(v => v ?? "") ?? []];
        return [.. liked.Select(p => new LikedPaperView(
            p.PaperKey,
            p.Title,
            p.PaperKey.StartsWith(ArxivPrefix, StringComparison.Ordinal) ? $"https://arxiv.org/abs/{p.PaperKey[ArxivPrefix.Length..]}" : "",
            p.PaperId is null,
            !shown.Contains(p.PaperKey) || kept.Contains(p.PaperKey)))];
    }

    /// <summary>The papers shown and unticked, and the valid ids typed in; a problem with the ids goes to <paramref name="errors"/>.</summary>
    public static LikedPapersChange Read(IFormCollection form, List<string> errors)
    {
        HashSet<string> kept = [.. form["liked"].Select(v => v ?? "")];
        IReadOnlyList<string> forget = [.. form["shownLiked"].Select(v => v ?? "").Where(k => k.Length > 0 && !kept.Contains(k)).Distinct(StringComparer.Ordinal)];
        IReadOnlyList<string> add = SubscriptionRules.LikedPapers(SubscriptionRules.SplitPapers(form["addLiked"].ToString()), errors);
        return new LikedPapersChange(forget, add);
    }
}
