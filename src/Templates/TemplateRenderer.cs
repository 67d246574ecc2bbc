using System.Text;
using Paperboy.Hosting;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Paperboy.Templates;

/// <summary>
/// Renders any template of the catalog with a model: <c>*.html.sbn</c> with HTML-encoding of every value,
/// others as plain text. The model's properties become globals (snake_case), and <c>t</c> holds the strings.
/// </summary>
public sealed class TemplateRenderer(TemplateCatalog templates)
{
    // Scriban's built-in functions (string, array, date…), made once and shared read-only by every render: a new
    // context otherwise deep-copies all of them, about a sixth of a digest's rendering time.
    private static readonly ScriptObject Builtins = ReadOnlyBuiltins();

    // One output builder per thread, kept between renders: a digest's two outputs are about 60 KB of text, and
    // a new builder each time allocated (and zeroed) that much again before the result string was made.
    [ThreadStatic]
    private static StringBuilder? _threadOutput;

    private const int MaxKeptOutput = 256 * 1024;

    public string Render(string name, object model) => Render(templates.Get(name), name, model);

    internal string Render(Template template, string name, object model)
    {
        ArgumentNullException.ThrowIfNull(model);

        // A fresh context per render: contexts hold state and are not thread-safe.
        TemplateContext context = name.EndsWith(".html.sbn", StringComparison.Ordinal)
            ? new HtmlEncodingTemplateContext(Builtins)
            : new TextTemplateContext(Builtins);
        context.EnableRelaxedMemberAccess = false;
        ScriptObject globals = ViewMembers.Import(model);
        globals.SetValue("t", templates.Text.ToScriptObject(), readOnly: true);
        context.PushGlobal(globals);
        // Taken from the thread, so a render inside a render gets its own. A kept builder already has room for
        // the thread's largest output: growing in chunks, as a new one does, copies the output several times.
        StringBuilder builder = _threadOutput ?? new StringBuilder(4096);
        _threadOutput = null;
        builder.Clear();
        context.PushOutput(new StringBuilderOutput(builder));
        try
        {
            string output = template.Render(context);
            // The strings keep labels together with no-break spaces for HTML; plain text has no line breaking to
            // steer, and there such a space is only a character some mail clients show oddly.
            return context is TextTemplateContext ? output.Replace('\u00a0', ' ') : output;
        }
        catch (ScriptRuntimeException ex)
        {
            throw new PaperboyException($"template {TemplateCatalog.Position(templates.Origin(name), ex.Span)}: {ex.OriginalMessage}", ex);
        }
        finally
        {
            // A rare huge output (a preview page of hundreds of papers) is not worth keeping on the thread.
            _threadOutput = builder.Capacity <= MaxKeptOutput ? builder : null;
        }
    }

    private static ScriptObject ReadOnlyBuiltins()
    {
        ScriptObject builtins = TemplateContext.GetDefaultBuiltinObject();
        foreach (object? value in builtins.Values)
        {
            if (value is ScriptObject group)
            {
                // A template may not change what other renders see (`date.format = …` would).
                group.IsReadOnly = true;
            }
        }

        builtins.IsReadOnly = true;
        return builtins;
    }
}
