using System.Text;

namespace Paperboy.Papers;

/// <summary>Feed text is stored as plain text with arXiv's hard line breaks and indentation joined.</summary>
public static class PaperText
{
    public static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
