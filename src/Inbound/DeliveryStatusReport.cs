namespace Paperboy.Inbound;

/// <summary>One recipient's group of a DSN (RFC 3464): what happened to the message for that address.</summary>
public sealed record RecipientStatus(string? OriginalRecipient, string? FinalRecipient, string Action, string Status, string? Diagnostic)
{
    /// <summary>A permanent failure: the MTA gave up and the status class is 5 (RFC 3463).</summary>
    public bool IsHardBounce => Action.Equals("failed", StringComparison.OrdinalIgnoreCase) && Status.StartsWith("5.", StringComparison.Ordinal);

    /// <summary>The address the report is about: the one we sent to when the MTA kept it, else the one it finally tried.</summary>
    public string? Address => OriginalRecipient ?? FinalRecipient;
}

/// <summary>A parsed <c>multipart/report; report-type=delivery-status</c>.</summary>
public sealed record DeliveryStatusReport(IReadOnlyList<RecipientStatus> Recipients, string? OriginalMessageId);
