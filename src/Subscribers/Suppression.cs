namespace Paperboy.Subscribers;

/// <summary>One suppressed address; <see cref="Email"/> is null when only the hash was kept (a deleted subscriber).</summary>
public sealed record Suppression(string EmailHash, string? Email, string Reason, string CreatedAt)
{
    /// <summary>
    /// What an operator is told when adding or importing a suppressed address: it is stored, but the send path
    /// skips it without a word, so it has to be said here.
    /// </summary>
    public string Warning(string email) =>
        $"{email} is on the suppression list ({Reason}): nothing will be sent until `suppression remove {email}`";
}
