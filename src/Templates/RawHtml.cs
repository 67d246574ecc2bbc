namespace Paperboy.Templates;

/// <summary>Markup the template writes as it is; only code that builds it from escaped parts may create one.</summary>
public sealed record RawHtml(string Html)
{
    public override string ToString() => Html;
}
