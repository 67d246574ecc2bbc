using System.Xml;
using System.Xml.Linq;

namespace Paperboy.Papers;

/// <summary>
/// Streams an XML feed and hands over its record elements one at a time, so a body cut off in the middle
/// still yields every record before the cut. DTDs are refused (no entity expansion, no external fetches).
/// </summary>
internal static class XmlRecords
{
    /// <returns>The root element's name, or null when there was none.</returns>
    public static XName? Scan(string text, IReadOnlySet<XName> names, Action<XElement, int> onElement, List<ReadProblem> problems)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        XName? root = null;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            var lineInfo = (IXmlLineInfo)reader;
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                XName name = XName.Get(reader.LocalName, reader.NamespaceURI);
                root ??= name;
                if (!names.Contains(name))
                {
                    reader.Read();
                    continue;
                }

                int line = lineInfo.LineNumber;
                var element = (XElement)XNode.ReadFrom(reader);
                onElement(element, line);
            }
        }
        catch (XmlException ex)
        {
            problems.Add(new ReadProblem(ex.LineNumber, $"malformed XML (is the body cut off?): {ex.Message}"));
        }

        return root;
    }

    public static string? Text(this XElement parent, XName name) => parent.Element(name)?.Value is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;
}
