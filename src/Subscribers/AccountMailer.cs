using Microsoft.Extensions.Options;
using Paperboy.Scheduler;
using Paperboy.Templates;

namespace Paperboy.Subscribers;

/// <summary>
/// Sends the mails about a subscription itself, at most <see cref="MaxPerDay"/> to one address in 24 hours,
/// so the subscribe form cannot be used to flood someone's inbox.
/// </summary>
public sealed partial class AccountMailer(
    PageRenderer renderer,
    LinkBuilder links,
    OutboxStore outbox,
    MessageSealer sealer,
    OutboxPump pump,
    IOptions<MailOptions> mail,
    IOptions<WebOptions> web,
    IOptions<LinkOptions> linkOptions,
    TimeProvider time,
    ILogger<AccountMailer> logger)
{
    public const int MaxPerDay = 3;

    public Task<bool> SendConfirmationAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        int days = (int)Math.Round(linkOptions.Value.ConfirmationLifetime.TotalDays);
        var view = new AccountMailView(
            "Confirm your subscription",
            [
                $"Someone, hopefully you, asked Paperboy to send {subscriber.Email} {DigestPhrase(subscriber.Frequency)} of new research papers about: {string.Join(", ", subscriber.Keywords)}.",
                "Nothing will be sent until you confirm.",
            ],
            "Confirm my subscription",
            links.Confirm(subscriber),
            $"The link works for {days} day{(days == 1 ? "" : "s")}. If you did not ask for this, ignore this mail and you will hear nothing more.",
            web.Value.SenderLine);
        return SendAsync(subscriber.Email, "Confirm your Paperboy subscription", "confirmation", view, cancellationToken);
    }

    public Task<bool> SendAlreadySubscribedAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        var view = new AccountMailView(
            "You are already subscribed",
            [$"Someone asked to subscribe {subscriber.Email} to Paperboy, and this address already gets its digest. To change your keywords or schedule, open your preferences."],
            "Manage my preferences",
            links.Preferences(subscriber),
            "If you did not ask for this, you can ignore this mail; nothing has changed.",
            web.Value.SenderLine);
        return SendAsync(subscriber.Email, "Your Paperboy subscription", "notice", view, cancellationToken);
    }

    private async Task<bool> SendAsync(string recipient, string subject, string kind, AccountMailView view, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        if (await outbox.CountAccountMailSinceAsync(recipient, now.AddDays(-1), cancellationToken) >= MaxPerDay)
        {
            LogCapped(kind, MaxPerDay);
            return false;
        }

        RenderedDigest body = renderer.AccountMail(view);
        OutgoingMessage message = sealer.Seal(TransactionalMessageBuilder.Build(mail.Value.FromAddress, recipient, subject, kind, now), body.Text, body.Html);
        await outbox.EnqueueAsync(message, kind, cancellationToken);
        pump.Signal();
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not sending a {Kind} mail: the address already had {Max} account mails in 24 hours")]
    private partial void LogCapped(string kind, int max);

    /// <summary>"a daily digest", "an instant digest": the words the confirmation mail and page use for a frequency.</summary>
    internal static string DigestPhrase(DigestFrequency frequency)
    {
        string name = SubscriberStore.Text(frequency);
        return $"{("aeiou".Contains(name[0], StringComparison.Ordinal) ? "an" : "a")} {name} digest";
    }
}
