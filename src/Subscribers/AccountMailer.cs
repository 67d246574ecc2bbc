using Microsoft.Extensions.Options;
using Paperboy.Hosting;
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
        string lifetime = Lifetime(linkOptions.Value.ConfirmationLifetime);
        var view = new AccountMailView(
            "Confirm your subscription",
            [
                $"Someone, hopefully you, asked Paperboy to send {subscriber.Email} {DigestPhrase(subscriber.Frequency)} of new research papers about: {string.Join(", ", subscriber.Keywords)}.",
                "Nothing will be sent until you confirm.",
            ],
            "Confirm my subscription",
            links.Confirm(subscriber),
            $"The link works for {lifetime}. If you did not ask for this, ignore this mail and you will hear nothing more.",
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

    /// <summary>False when the address already had <see cref="MaxPerDay"/> account mails in the last 24 hours.</summary>
    public async Task<bool> CanSendAsync(string recipient, CancellationToken cancellationToken)
    {
        if (await outbox.CountAccountMailSinceAsync(recipient, time.GetUtcNow().AddDays(-1), cancellationToken) >= MaxPerDay)
        {
            LogCapped(MaxPerDay);
            return false;
        }

        return true;
    }

    private async Task<bool> SendAsync(string recipient, string subject, string kind, AccountMailView view, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        if (!await CanSendAsync(recipient, cancellationToken))
        {
            return false;
        }

        RenderedDigest body = renderer.AccountMail(view);
        OutgoingMessage message = sealer.Seal(TransactionalMessageBuilder.Build(mail.Value.FromAddress, recipient, subject, kind, now), body.Text, body.Html);
        await outbox.EnqueueAsync(message, kind, cancellationToken);
        pump.Signal();
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not sending an account mail: the address already had {Max} in 24 hours")]
    private partial void LogCapped(int max);

    /// <summary>"7 days", "1 day", "12 hours", "5 minutes": a link's lifetime in the largest whole unit.</summary>
    internal static string Lifetime(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalDays % 1 == 0 ? Counted.Of((int)span.TotalDays, "day")
        : span.TotalHours >= 1 && span.TotalHours % 1 == 0 ? Counted.Of((int)span.TotalHours, "hour")
        : Counted.Of(Math.Max(1, (int)Math.Round(span.TotalMinutes)), "minute");

    /// <summary>"a daily digest", "an instant digest": the words the confirmation mail and page use for a frequency.</summary>
    internal static string DigestPhrase(DigestFrequency frequency)
    {
        string name = SubscriberStore.Text(frequency);
        return $"{("aeiou".Contains(name[0], StringComparison.Ordinal) ? "an" : "a")} {name} digest";
    }
}
