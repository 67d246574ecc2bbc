namespace Paperboy.Papers;

/// <summary>
/// Reads the sample corpus format: a title line, then an abstract line, repeated.
/// </summary>
/// <remarks>
/// The corpus was scraped from a web page: it starts with the page's heading lines and the first title
/// carries the text of the page's "Subscribe" button. Both are page chrome, not papers, and are dropped.
/// </remarks>
public static class SampleCorpusReader
{
    private const string ButtonPrefix = "Subscribe";
    private const int MaxChromeLines = 5;
    private const int MaxTitleLength = 400;
    private const int MinAbstractLength = 40;

    // An abstract is prose: a line of few words is something else (a path, a list, a configuration file read by
    // mistake), and would otherwise become a paper nobody can tell from the real ones.
    private const int MinAbstractWords = 6;

    public static PaperReadResult Read(TextReader reader)
    {
        var lines = new List<(int Number, string Text)>();
        int number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                lines.Add((number, line.Trim()));
            }
        }

        int start = SkipPageChrome(lines);
        var papers = new List<IncomingPaper>();
        var problems = new List<ReadProblem>();
        for (int i = start; i < lines.Count; i += 2)
        {
            (int titleLine, string title) = lines[i];
            if (i + 1 >= lines.Count)
            {
                problems.Add(new ReadProblem(titleLine, "a title with no abstract after it (is the file truncated?)"));
                break;
            }

            string abstractText = PaperText.Clean(lines[i + 1].Text);
            title = PaperText.Clean(title);
            if (title.Length > MaxTitleLength)
            {
                problems.Add(new ReadProblem(titleLine, $"a title of {title.Length} characters; is a line missing above it?"));
                continue;
            }

            if (abstractText.Length < MinAbstractLength)
            {
                problems.Add(new ReadProblem(lines[i + 1].Number, $"an abstract of only {abstractText.Length} characters"));
                continue;
            }

            int words = abstractText.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            if (words < MinAbstractWords)
            {
                problems.Add(new ReadProblem(lines[i + 1].Number, $"an abstract of only {words} word(s); is this a file of titles and abstracts?"));
                continue;
            }

            papers.Add(new IncomingPaper(PaperIdentity.KeyFor(null, title), title, abstractText, [], null, null, null));
        }

        return new PaperReadResult(papers, problems);
    }

    private static int SkipPageChrome(List<(int Number, string Text)> lines)
    {
        for (int i = 0; i < Math.Min(MaxChromeLines, lines.Count); i++)
        {
            string text = lines[i].Text;
            // "Subscribe" glued to a title, not a title that starts with a word like "Subscribers".
            if (text.Length > ButtonPrefix.Length
                && text.StartsWith(ButtonPrefix, StringComparison.Ordinal)
                && !char.IsLower(text[ButtonPrefix.Length]))
            {
                lines[i] = (lines[i].Number, text[ButtonPrefix.Length..]);
                return i;
            }
        }

        return 0;
    }
}
