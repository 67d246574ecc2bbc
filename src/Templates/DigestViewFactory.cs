using Paperboy.Papers;

namespace Paperboy.Templates;

/// <summary>Turns papers into what a reader sees: a link for every title, short author lists, trimmed abstracts.</summary>
public static class DigestViewFactory
{
    public const int MaxAbstractLength = 600;
    public const int MaxTitleLength = 300;
    public const int MaxAuthorLength = 80;
    private const int MaxAuthors = 3;

    public static string PaperUrl(Paper paper)
    {
        ArgumentNullException.ThrowIfNull(paper);
        if (paper.Url is not null)
        {
            return paper.Url;
        }

        // Papers without a link (the sample corpus) open arXiv's title search instead.
        return PaperIdentity.ArxivAbsUrl(paper.Key)
            ?? $"https://arxiv.org/search/?searchtype=title&query={Uri.EscapeDataString(paper.Title)}";
    }

    public static string Authors(IReadOnlyList<string> authors) => authors.Count switch
    {
        0 => "",
        <= MaxAuthors => string.Join(", ", authors.Select(a => Trim(a, MaxAuthorLength))),
        _ => $"{string.Join(", ", authors.Take(MaxAuthors).Select(a => Trim(a, MaxAuthorLength)))} et al.",
    };

    /// <summary>Cuts at a word boundary and marks the cut, so no abstract makes the email too long to read.</summary>
    public static string Trim(string text, int maxLength = MaxAbstractLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        int cut = text.LastIndexOf(' ', maxLength);
        if (cut <= maxLength / 2)
        {
            // One very long word: cut inside it, but never between the two halves of a surrogate pair.
            cut = char.IsLowSurrogate(text[maxLength]) ? maxLength - 1 : maxLength;
        }

        return string.Concat(text.AsSpan(0, cut).TrimEnd(" ,;:.".AsSpan()), "…");
    }

    /// <summary>Where a paper appeared, from its key or link: "arXiv", "Hugging Face", or the link's host.</summary>
    public static string Venue(Paper paper)
    {
        ArgumentNullException.ThrowIfNull(paper);
        string url = PaperUrl(paper);
        if (url.Contains("huggingface.co/", StringComparison.OrdinalIgnoreCase))
        {
            return "Hugging Face";
        }

        if (paper.Key.StartsWith("arxiv:", StringComparison.Ordinal) || url.Contains("arxiv.org/abs/", StringComparison.OrdinalIgnoreCase))
        {
            return "arXiv";
        }

        return paper.Url is not null && Uri.TryCreate(paper.Url, UriKind.Absolute, out Uri? uri) ? uri.Host : "";
    }

}
