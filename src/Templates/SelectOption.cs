namespace Paperboy.Templates;

public sealed record SelectOption(string Value, string Label, bool Selected);
