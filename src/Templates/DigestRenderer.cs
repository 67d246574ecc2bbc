namespace Paperboy.Templates;

/// <summary>
/// Renders a digest's HTML and plain-text parts from the same view, keeping the HTML under
/// <see cref="MaxHtmlBytes"/> so Gmail does not clip it (and hide the unsubscribe link with the rest), measured as
/// sent (<see cref="AsciiHtml"/>).
/// </summary>
public sealed class DigestRenderer(TemplateCatalog templates)
{
    public const string HtmlTemplate = "digest.html.sbn";
    public const string TextTemplate = "digest.txt.sbn";
    public const string WeeklyHtmlTemplate = "weekly.html.sbn";
    public const string WeeklyTextTemplate = "weekly.txt.sbn";
    public const string AlertHtmlTemplate = "alert.html.sbn";
    public const string AlertTextTemplate = "alert.txt.sbn";

    /// <summary>Gmail clips messages whose HTML passes 102 KB; stay clear of it.</summary>
    public const int MaxHtmlBytes = 100_000;

    /// <summary>The alert template is for this many papers at most; more go out as a daily digest.</summary>
    public const int MaxAlertPapers = 3;

    // Shorter and shorter abstracts, then none, before a paper is left out.
    private static readonly int[] AbstractLimits = [int.MaxValue, 300, 120, 0];

    private readonly TemplateRenderer _renderer = new(templates);

    public RenderedDigest Render(DigestView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        (string html, string text) = Templates(view);
        DigestView fitted = view;
        string? body = null;
        foreach (int limit in AbstractLimits)
        {
            fitted = WithPapers(view, view.Papers.Count, limit);
            body = _renderer.Render(html, fitted);
            if (AsciiHtml.ByteCount(body) <= MaxHtmlBytes)
            {
                break;
            }

            body = null;
        }

        if (body is null)
        {
            // Even without abstracts: keep the most papers that fit (fewer papers always means a shorter email).
            int low = 0;
            int high = view.Papers.Count - 1;
            while (low < high)
            {
                int count = (low + high + 1) / 2;
                if (AsciiHtml.ByteCount(_renderer.Render(html, WithPapers(view, count, 0))) <= MaxHtmlBytes)
                {
                    low = count;
                }
                else
                {
                    high = count - 1;
                }
            }

            fitted = WithPapers(view, low, 0);
            body = _renderer.Render(html, fitted);
        }

        return new RenderedDigest(body, _renderer.Render(text, fitted)) { PaperCount = fitted.Papers.Count };
    }

    private static (string Html, string Text) Templates(DigestView view) => view.Kind switch
    {
        DigestKind.Weekly => (WeeklyHtmlTemplate, WeeklyTextTemplate),
        DigestKind.Alert when view.Papers.Count <= MaxAlertPapers => (AlertHtmlTemplate, AlertTextTemplate),
        _ => (HtmlTemplate, TextTemplate),
    };

    private static DigestView WithPapers(DigestView view, int count, int abstractLimit) => view with
    {
        Papers = [.. view.Papers.Take(count).Select(p => abstractLimit == int.MaxValue
            ? p
            : p with { Abstract = abstractLimit == 0 ? "" : DigestViewFactory.Trim(p.Abstract, abstractLimit) })],
    };
}
