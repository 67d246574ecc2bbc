using System.Text;
using MimeKit;

namespace Paperboy.Tests.Support;

/// <summary>
/// Mail the inbound mailbox receives, written out as real servers write it: a Postfix bounce (RFC 3464 DSN with the
/// returned headers as text/rfc822-headers), an ARF abuse report (RFC 5965, the shape Yahoo's and Microsoft's
/// feedback loops send), a vacation auto-reply, and garbage.
/// </summary>
public static class ReportMessages
{
    /// <summary>A Postfix bounce of <paramref name="original"/> for <paramref name="recipient"/> with this action and status.</summary>
    public static MimeMessage PostfixDsn(MimeMessage original, string recipient, string action, string status, string diagnostic)
    {
        ArgumentNullException.ThrowIfNull(original);
        string from = original.From.Mailboxes.First().Address;
        string headers = Headers(original);
        string text = $"""
            From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
            Subject: {(action == "delayed" ? "Delayed Mail (still being retried)" : "Undelivered Mail Returned to Sender")}
            To: {from}
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status;
            	boundary="4F1C2A0E3B.1795780524/mx.example.net"
            Content-Transfer-Encoding: 7bit
            Message-Id: <20261127080512.4F1C2A0E3B@mx.example.net>
            Date: Fri, 27 Nov 2026 08:05:12 +0000 (UTC)

            This is a MIME-encapsulated message.

            --4F1C2A0E3B.1795780524/mx.example.net
            Content-Description: Notification
            Content-Type: text/plain; charset=us-ascii

            This is the mail system at host mx.example.net.

            I'm sorry to have to inform you that your message could not
            be delivered to one or more recipients. It's attached below.

            <{recipient}>: host mail.example.com[192.0.2.25] said: {diagnostic}

            --4F1C2A0E3B.1795780524/mx.example.net
            Content-Description: Delivery report
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.net
            X-Postfix-Queue-ID: 4F1C2A0E3B
            X-Postfix-Sender: rfc822; {from}
            Arrival-Date: Fri, 27 Nov 2026 08:05:10 +0000 (UTC)

            Final-Recipient: rfc822; {recipient}
            Original-Recipient: rfc822;{recipient}
            Action: {action}
            Status: {status}
            Remote-MTA: dns; mail.example.com
            Diagnostic-Code: smtp; {diagnostic}

            --4F1C2A0E3B.1795780524/mx.example.net
            Content-Description: Undelivered Message Headers
            Content-Type: text/rfc822-headers

            {headers}
            --4F1C2A0E3B.1795780524/mx.example.net--

            """;
        return Parse(text);
    }

    /// <summary>An ARF abuse report returning <paramref name="original"/> with its To redacted, as feedback loops do.</summary>
    public static MimeMessage ArfAbuseReport(MimeMessage original, string feedbackType = "abuse")
    {
        ArgumentNullException.ThrowIfNull(original);
        MimeMessage copy = Copy(original);
        copy.To.Clear();
        copy.To.Add(new MailboxAddress("", "redacted@example.com"));
        using var body = new MemoryStream();
        copy.WriteTo(FormatOptions.Default, body);
        string returned = Encoding.UTF8.GetString(body.ToArray());
        string text = $"""
            From: Feedback Loop <feedbackloop@fbl.example.com>
            To: {original.From.Mailboxes.First().Address}
            Subject: Email Feedback Report for IP 192.0.2.1
            MIME-Version: 1.0
            Date: Fri, 27 Nov 2026 09:00:00 +0000
            Message-ID: <fbl-20261127-0001@fbl.example.com>
            Content-Type: multipart/report; report-type=feedback-report;
            	boundary="----=_Part_ARF_1"

            ------=_Part_ARF_1
            Content-Type: text/plain; charset="US-ASCII"
            Content-Transfer-Encoding: 7bit

            This is an email abuse report for an email message received from IP 192.0.2.1 on Fri, 27 Nov 2026 08:05:00 +0000.

            ------=_Part_ARF_1
            Content-Type: message/feedback-report

            Feedback-Type: {feedbackType}
            User-Agent: ExampleFBL/1.0
            Version: 1
            Source-IP: 192.0.2.1
            Arrival-Date: Fri, 27 Nov 2026 08:05:00 +0000

            ------=_Part_ARF_1
            Content-Type: message/rfc822
            Content-Disposition: inline

            {returned}
            ------=_Part_ARF_1--

            """;
        return Parse(text);
    }

    public static MimeMessage VacationReply(string from, string to)
    {
        var message = new MimeMessage { Subject = "Out of office: Your papers for today", MessageId = "vacation-1@example.com" };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Headers.Add("Auto-Submitted", "auto-replied");
        message.Body = new TextPart("plain") { Text = "I am away until Monday." };
        return message;
    }

    /// <summary>Raw bytes of a delivery-status report whose status part is broken, and of a message that is not mail at all.</summary>
    public static IEnumerable<byte[]> Garbage()
    {
        yield return Crlf("""
            From: MAILER-DAEMON@mx.example.net
            Subject: broken report
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="b"

            --b
            Content-Type: message/delivery-status
            Content-Transfer-Encoding: base64

            %%%% this is not base64 and has no fields %%%%
            --b
            """);
        yield return [0x01, 0x02, .. "\u00ff\u00fe binary garbage\nwithout headers: ::::\n\n<<<>>>"u8];
    }

    public static MimeMessage Parse(string text)
    {
        using var stream = new MemoryStream(Crlf(text));
        return MimeMessage.Load(stream);
    }

    // Raw strings here use \n; real mail uses CRLF.
    private static byte[] Crlf(string text) => Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n"));

    private static string Headers(MimeMessage message)
    {
        var text = new StringBuilder();
        foreach (Header header in message.Headers)
        {
            // The header exactly as sent (folding included), as an MTA returns it.
            text.Append(header.Field).Append(':').Append(Encoding.UTF8.GetString(header.RawValue).ReplaceLineEndings("\n"));
        }

        return text.ToString().TrimEnd('\n');
    }

    private static MimeMessage Copy(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        stream.Position = 0;
        return MimeMessage.Load(stream);
    }
}
