namespace Paperboy.Templates;

/// <summary>Everything a digest template shows, already chosen and formatted; no template computes.</summary>
public sealed record DigestView(
    string Recipient,
    string DateLabel,
    string Heading,
    IReadOnlyList<DigestPaperView> Papers,
    string UnsubscribeUrl,
    string PreferencesUrl,
    string WhyYouGetThis,
    string SenderLine)
{
    /// <summary>At most this many papers are pulled up into "Trending today".</summary>
    public const int MaxTrending = 3;

    public DigestKind Kind { get; init; } = DigestKind.Daily;

    /// <summary>The subject line (built from the strings file, like every visible text).</summary>
    public string Subject { get; init; } = "";

    /// <summary>
    /// The footer's link to the other frequency (daily to weekly; weekly and instant alerts to daily) and its label;
    /// both empty in previews of samples.
    /// </summary>
    public string SwitchFrequencyUrl { get; init; } = "";

    /// <inheritdoc cref="SwitchFrequencyUrl"/>
    public string SwitchFrequencyLabel { get; init; } = "";

    /// <summary>The line mail clients show after the subject in the inbox.</summary>
    public string Preheader { get; init; } = "";

    /// <summary>
    /// The most upvoted papers of a daily digest (all of which passed the relevance floor); empty when no paper
    /// has upvotes (feeds without popularity) or the digest is too short for a section of its own.
    /// </summary>
    public IReadOnlyList<DigestPaperView> Trending => Kind == DigestKind.Daily && Papers.Count > MaxTrending
        ? [.. Papers.Where(p => p.Upvotes > 0).OrderByDescending(p => p.Upvotes).ThenBy(p => p.Rank).Take(MaxTrending)]
        : [];

    /// <summary>The papers not in <see cref="Trending"/>, in rank order.</summary>
    public IReadOnlyList<DigestPaperView> Picks
    {
        get
        {
            IReadOnlyList<DigestPaperView> trending = Trending;
            return [.. Papers.Where(p => !trending.Contains(p))];
        }
    }

    /// <summary>The papers by the interest they matched, groups in the order of their best paper.</summary>
    public IReadOnlyList<DigestGroupView> Groups =>
        [.. Papers.GroupBy(p => p.Interest, StringComparer.Ordinal).Select(g => new DigestGroupView(g.Key, [.. g]))];
}
