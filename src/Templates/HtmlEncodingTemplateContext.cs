using System.Net;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Paperboy.Templates;

/// <summary>
/// A Scriban context that HTML-encodes every value a template writes, unless it is <see cref="RawHtml"/>.
/// </summary>
/// <remarks>
/// Scriban never escapes on its own; making encoding the default means a template author cannot forget it
/// and feed text (titles, abstracts, author names) can never become markup. Literal template text is not
/// a value and is written unchanged.
/// </remarks>
public sealed class HtmlEncodingTemplateContext : TemplateContext
{
    /// <param name="builtins">Scriban's built-in functions, shared between renders instead of copied for each.</param>
    public HtmlEncodingTemplateContext(ScriptObject builtins)
        : base(builtins)
    {
        StrictVariables = true;
    }

    public override TemplateContext Write(SourceSpan span, object? textAsObject) =>
        base.Write(span, Encode(textAsObject));

    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject) =>
        base.WriteAsync(span, Encode(textAsObject));

    protected override IObjectAccessor? GetMemberAccessorImpl(object target) =>
        ViewMembers.Accessor(target) ?? base.GetMemberAccessorImpl(target);

    private string Encode(object? value) => value switch
    {
        null => "",
        RawHtml raw => raw.Html,
        _ => WebUtility.HtmlEncode(ObjectToString(value)) ?? "",
    };
}
