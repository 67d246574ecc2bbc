namespace Paperboy.Templates;

public sealed record RenderedDigest(string Html, string Text);
