using System.Text.Json;

namespace Paperboy.Papers;

/// <summary>Reads one JSON object a line; a line that is not JSON, or that the mapper rejects, is reported and skipped.</summary>
public static class JsonLines
{
    public static PaperReadResult Read(TextReader reader, Func<JsonElement, IncomingPaper> toPaper, int firstLine = 1)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(toPaper);
        var papers = new List<IncomingPaper>();
        var problems = new List<ReadProblem>();
        int number = firstLine - 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                papers.Add(toPaper(document.RootElement));
            }
            catch (JsonException ex)
            {
                problems.Add(new ReadProblem(number, $"not valid JSON ({ex.Message})"));
            }
            catch (FormatException ex)
            {
                problems.Add(new ReadProblem(number, ex.Message));
            }
        }

        return new PaperReadResult(papers, problems);
    }
}
