namespace Paperboy.Subscribers;

/// <summary>One suppressed address; <see cref="Email"/> is null when only the hash was kept (a deleted subscriber).</summary>
public sealed record Suppression(string EmailHash, string? Email, string Reason, string CreatedAt);
