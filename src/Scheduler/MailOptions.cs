using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace Paperboy.Scheduler;

public sealed class MailOptions : IValidatableObject
{
    public const string Section = "Mail";

    public MailTransportKind Transport { get; set; } = MailTransportKind.Pickup;

    /// <summary>Where the pickup transport writes messages; relative to the content root.</summary>
    [Required]
    public string PickupDirectory { get; set; } = "data/outbox";

    /// <summary>The From address of every message, e.g. <c>Paperboy &lt;digest@example.org&gt;</c>.</summary>
    [Required]
    public string From { get; set; } = "Paperboy <digest@paperboy.localhost>";

    /// <summary>Attempts at a message that meets temporary failures before it is marked failed.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// A message still 'sending' this long after it was claimed was left by a process that died mid-send; it
    /// becomes 'uncertain' (never resent automatically). Longer than any one SMTP transaction takes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AbandonedAfter { get; set; } = TimeSpan.FromMinutes(10);

    public MailboxAddress FromAddress => MailboxAddress.Parse(From);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!MailboxAddress.TryParse(From, out MailboxAddress? address) || !address.Address.Contains('@', StringComparison.Ordinal))
        {
            yield return new ValidationResult($"Mail:From '{From}' is not an address", [nameof(From)]);
        }
    }
}
