namespace Paperboy.Templates;

public sealed record LayoutView(string Title, RawHtml Body);
