using MimeKit;

namespace Paperboy.Inbound;

/// <summary>
/// A parsed <c>multipart/report; report-type=feedback-report</c> (ARF, RFC 5965): its type and what it says
/// about the original message (whose headers providers often keep but whose To they often redact).
/// </summary>
public sealed record FeedbackReport(string FeedbackType, string? OriginalRecipient, HeaderList? OriginalHeaders)
{
    public bool IsAbuse => FeedbackType.Equals("abuse", StringComparison.OrdinalIgnoreCase);
}
