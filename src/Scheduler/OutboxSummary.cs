namespace Paperboy.Scheduler;

/// <summary>An outbox message without its body, for the operator's listings.</summary>
public sealed record OutboxSummary
{
    public long Id { get; init; }

    public string Kind { get; init; } = "";

    public string Recipient { get; init; } = "";

    public string Subject { get; init; } = "";

    public string State { get; init; } = "";

    public long Attempts { get; init; }

    public string? LastError { get; init; }

    public string UpdatedAt { get; init; } = "";
}
