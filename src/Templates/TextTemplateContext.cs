using Scriban;
using Scriban.Runtime;

namespace Paperboy.Templates;

/// <summary>The context of a plain-text template: strict variables, and the view types' members learnt once (<see cref="ViewMembers"/>).</summary>
public sealed class TextTemplateContext : TemplateContext
{
    /// <param name="builtins">Scriban's built-in functions, shared between renders instead of copied for each.</param>
    public TextTemplateContext(ScriptObject builtins)
        : base(builtins)
    {
        StrictVariables = true;
    }

    protected override IObjectAccessor? GetMemberAccessorImpl(object target) =>
        ViewMembers.Accessor(target) ?? base.GetMemberAccessorImpl(target);
}
