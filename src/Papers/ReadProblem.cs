namespace Paperboy.Papers;

/// <summary>A record a reader skipped, and why; line 0 means the document as a whole (it is cut off, an error page, empty).</summary>
public sealed record ReadProblem(int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"line {Line}: {Message}" : Message;
}
