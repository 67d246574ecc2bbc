namespace Paperboy.Papers;

/// <summary>A record a reader skipped, and why.</summary>
public sealed record ReadProblem(int Line, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}
