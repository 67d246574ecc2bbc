namespace Paperboy.Templates;

/// <summary>
/// A fixed digest of each kind that exercises every branch of the digest templates (upvotes and none, no
/// authors, an AI summary, feedback links, the switch to another frequency): templates are test-rendered with them at start-up, and the golden
/// files in tests/ are renderings of them.
/// </summary>
public static class DigestSamples
{
    private const string Base = "https://paperboy.example";

    public static IReadOnlyList<(string Name, Func<object> Model)> All { get; } =
    [
        (DigestRenderer.HtmlTemplate, () => Daily()),
        (DigestRenderer.TextTemplate, () => Daily()),
        (DigestRenderer.WeeklyHtmlTemplate, () => Weekly()),
        (DigestRenderer.WeeklyTextTemplate, () => Weekly()),
        (DigestRenderer.AlertHtmlTemplate, () => Alert()),
        (DigestRenderer.AlertTextTemplate, () => Alert()),
    ];

    public static DigestView Daily() => View(DigestKind.Daily, "Friday, 27 November 2026", "5 papers for you", Papers());

    public static DigestView Weekly() => View(DigestKind.Weekly, "Monday, 30 November 2026", "5 papers for you this week", Papers());

    public static DigestView Alert() => View(DigestKind.Alert, "Friday, 27 November 2026", "A new paper for you", [Papers()[1]]);

    public static IReadOnlyList<DigestPaperView> Papers() =>
    [
        Paper(1, "Graph Neural Networks for Molecular Property Prediction", "Ada Lovelace, Alan Turing, Grace Hopper et al.", "graph neural networks", 12,
            "We study message passing networks on molecular graphs and show that a simple readout beats attention pooling on eight benchmarks.") with { Meta = "arXiv · 26 Nov 2026" },
        Paper(2, "Scaling Laws for Protein Language Models", "Rosalind Franklin, Barbara McClintock", "protein folding", 312,
            "A model trained on 2B protein sequences predicts structure from single sequences; scaling helps most for orphan proteins.") with { Meta = "Hugging Face · 26 Nov 2026", IsSummary = true },
        Paper(3, "Diffusion Models Beat GANs on Graph Generation", "", "graph neural networks", null,
            "Denoising diffusion on adjacency matrices generates valid molecules more often than any GAN baseline.") with { Meta = "arXiv" },
        Paper(4, "Equivariant Transformers for Protein Docking", "Dorothy Hodgkin", "protein folding", 87,
            "An SE(3)-equivariant transformer docks rigid proteins in seconds, ten times faster than template search.") with { Meta = "arXiv · 25 Nov 2026" },
        Paper(5, "Message Passing Without Messages", "Emmy Noether, Sofia Kovalevskaya", "graph neural networks", 45,
            "We replace explicit messages with a learned diffusion operator and keep accuracy while halving memory.") with { Meta = "arXiv · 24 Nov 2026" },
    ];

    private static DigestView View(DigestKind kind, string date, string heading, IReadOnlyList<DigestPaperView> papers) => new(
        "ada@example.com",
        date,
        heading,
        papers,
        $"{Base}/u/sample-unsubscribe-token",
        $"{Base}/p/sample-preferences-token",
        kind == DigestKind.Alert
            ? "You get this alert because ada@example.com asked Paperboy for instant alerts about: graph neural networks, protein folding."
            : $"You get this {kind.ToString().ToLowerInvariant()} digest because ada@example.com subscribed to Paperboy for: graph neural networks, protein folding.",
        "Paperboy at Example Lab, 1 Example Street, Springfield. Reply to reach the operator.")
    {
        Kind = kind,
        Subject = $"{heading} · {date}",
        Preheader = $"{heading}: {papers[0].Title}",
        SwitchFrequencyUrl = $"{Base}/f/sample-switch-token",
        SwitchFrequencyLabel = kind == DigestKind.Daily ? "One\u00a0digest\u00a0a\u00a0week\u00a0instead" : "One\u00a0digest\u00a0a\u00a0day\u00a0instead",
    };

    private static DigestPaperView Paper(int rank, string title, string authors, string keyword, int? upvotes, string text) =>
        new(rank, title, $"https://arxiv.org/abs/2611.0000{rank}", authors, text, $"Matches your keywords: {keyword}", upvotes)
        {
            Links = new PaperLinks(
                $"{Base}/f/sample-more-{rank}",
                $"{Base}/f/sample-less-{rank}",
                [new KeywordLink(keyword, $"{Base}/f/sample-mute-{rank}")]),
            Interest = keyword,
        };
}
