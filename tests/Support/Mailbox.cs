using System.Text.RegularExpressions;
using MimeKit;

namespace Paperboy.Tests.Support;

/// <summary>Reading what arrived at the test SMTP server.</summary>
public static partial class Mailbox
{
    public static async Task<MimeMessage> WaitForAsync(TestSmtpServer smtp, Func<MimeMessage, bool> match, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(smtp);
        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            if (smtp.Received.Select(r => r.Message).FirstOrDefault(match) is { } message)
            {
                return message;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("no matching message arrived at the test SMTP server");
    }

    /// <summary>Every link of the service in the message's text part, by its path letter (c, u, p, f).</summary>
    public static List<string> Links(MimeMessage message, char kind)
    {
        ArgumentNullException.ThrowIfNull(message);
        return [.. LinkPattern().Matches(message.TextBody ?? "").Select(m => m.Value).Where(u => u.Contains($"/{kind}/", StringComparison.Ordinal)).Distinct()];
    }

    public static List<string> HtmlLinks(MimeMessage message, char kind)
    {
        ArgumentNullException.ThrowIfNull(message);
        return [.. LinkPattern().Matches(message.HtmlBody ?? "").Select(m => m.Value).Where(u => u.Contains($"/{kind}/", StringComparison.Ordinal)).Distinct()];
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/[a-z]/[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();
}
