namespace Paperboy.Scheduler;

public enum MailTransportKind
{
    /// <summary>Write each message as an .eml file into a folder (nothing leaves the machine).</summary>
    Pickup,

    /// <summary>Send through an SMTP server with MailKit.</summary>
    Smtp,
}
