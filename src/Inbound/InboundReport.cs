namespace Paperboy.Inbound;

/// <summary>What one poll of the inbound mailbox did.</summary>
public sealed class InboundReport
{
    private readonly List<(string Key, InboundOutcome Outcome)> _outcomes = [];

    /// <summary>Each message read in this poll, with what it turned out to be.</summary>
    public IReadOnlyList<(string Key, InboundOutcome Outcome)> Outcomes => _outcomes;

    /// <summary>Messages whose processing failed (e.g. the database was busy); they are read again next poll.</summary>
    public int Failed { get; private set; }

    /// <summary>Messages handled by an earlier poll that was interrupted before deleting them; deleted now.</summary>
    public int Finished { get; private set; }

    /// <summary>Messages an earlier poll left alone; not read again.</summary>
    public int Skipped { get; private set; }

    public int Count(InboundKind kind) => _outcomes.Count(o => o.Outcome.Kind == kind);

    internal void Add(string key, InboundOutcome outcome) => _outcomes.Add((key, outcome));

    internal void AddFailed() => Failed++;

    internal void AddFinished() => Finished++;

    internal void AddSkipped() => Skipped++;
}
