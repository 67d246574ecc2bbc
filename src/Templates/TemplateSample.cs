namespace Paperboy.Templates;

/// <summary>
/// Sample data a template is test-rendered with at start-up, so a broken template (built-in or an operator's
/// override) stops the service at once instead of failing at the first real send. Register with
/// <see cref="TemplatesExtensions.AddTemplateSample"/>; the model is imported exactly as a real render imports it.
/// </summary>
public sealed record TemplateSample(string Name, Func<object> Model);
