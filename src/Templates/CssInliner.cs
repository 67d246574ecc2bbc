using System.Text;
using System.Text.RegularExpressions;
using Paperboy.Hosting;
using Scriban.Parsing;

namespace Paperboy.Templates;

/// <summary>
/// Moves a template's &lt;style&gt; rules into style attributes with PreMailer.Net, once, when the template is
/// loaded: many mail clients (Gmail apps, Outlook) drop or ignore style blocks, and inlining per message would
/// cost far more than rendering.
/// </summary>
/// <remarks>
/// PreMailer parses HTML, and Scriban code between table rows would be moved out of the table by the HTML
/// parser. So each code block is first swapped for a numbered HTML comment (comments stay where they are, even
/// inside tables, and keep their text inside attribute values), then swapped back after inlining. Media
/// queries (narrow screens, dark mode) stay in a style block, since they cannot be inlined.
/// </remarks>
public static partial class CssInliner
{
    public static string Inline(string name, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var code = new List<string>();
        var masked = new StringBuilder(source.Length);
        int copied = 0;
        int enter = -1;
        foreach (Token token in new Lexer(source, name))
        {
            if (token.Type == TokenType.CodeEnter)
            {
                enter = token.Start.Offset;
            }
            else if (token.Type == TokenType.CodeExit && enter >= 0)
            {
                masked.Append(source, copied, enter - copied).Append("<!--pb:").Append(code.Count).Append("-->");
                code.Add(source[enter..(token.End.Offset + 1)]);
                copied = token.End.Offset + 1;
                enter = -1;
            }
        }

        masked.Append(source, copied, source.Length - copied);
        string inlined = PreMailer.Net.PreMailer.MoveCssInline(
            masked.ToString(), removeStyleElements: true, removeComments: false, preserveMediaQueries: true).Html;

        int[] uses = new int[code.Count];
        string restored = Placeholder().Replace(inlined, match =>
        {
            int index = int.Parse(match.Groups["a"].Success ? match.Groups["a"].Value : match.Groups["b"].Value, System.Globalization.CultureInfo.InvariantCulture);
            uses[index]++;
            return code[index];
        });
        int lost = Array.FindIndex(uses, n => n != 1);
        if (lost >= 0)
        {
            throw new PaperboyException(
                $"template {name}: the code {code[lost]} cannot survive CSS inlining; keep Scriban code out of <style> blocks, style attributes and tag names");
        }

        return restored;
    }

    [GeneratedRegex(@"<!--pb:(?<a>\d+)-->|&lt;!--pb:(?<b>\d+)--&gt;")]
    private static partial Regex Placeholder();
}
