namespace Paperboy.Subscribers;

/// <summary>
/// Sign-ups from the web: double opt-in, and the same outcome for the caller whether or not the address is
/// known (what differs goes only into the mailbox of the address itself).
/// </summary>
public sealed class SubscriptionService(SubscriberStore subscribers, AccountMailer mailer, LinkResolver links)
{
    /// <summary>
    /// Unsubscribes the subscriber an unsubscribe token was issued to (the one-click POST and the mailto
    /// unsubscribe both come here). Null, and nothing changed, when the token is forged, for another action or
    /// for a deleted subscriber. Repeating it changes nothing.
    /// </summary>
    public async Task<Subscriber?> UnsubscribeAsync(string token, CancellationToken cancellationToken)
    {
        ResolvedLink? link = await links.ResolveAsync(token, [LinkAction.Unsubscribe], cancellationToken);
        if (link is null)
        {
            return null;
        }

        await subscribers.UnsubscribeAsync(link.Subscriber.Id, cancellationToken);
        return link.Subscriber;
    }

    public async Task RequestAsync(NewSubscriber request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Subscriber? existing = await subscribers.FindByEmailAsync(request.Email, cancellationToken);
        if (existing is { Status: SubscriberStatus.Active })
        {
            // Changing an active subscription needs their preferences link, not a form anyone can post.
            await mailer.SendAlreadySubscribedAsync(existing, cancellationToken);
            return;
        }

        if (!await mailer.CanSendAsync(request.Email, cancellationToken))
        {
            // No confirmation mail can go out now, so nothing changes: renewing would revoke the links of the
            // mails already sent and leave the reader none that works.
            return;
        }

        if (existing is null)
        {
            await subscribers.AddAsync(request, SubscriberStatus.Pending, cancellationToken);
        }
        else
        {
            await subscribers.RenewPendingAsync(existing.Id, request, cancellationToken);
        }

        Subscriber pending = await subscribers.FindByEmailAsync(request.Email, cancellationToken)
            ?? throw new InvalidOperationException($"subscriber {request.Email} vanished while subscribing");
        await mailer.SendConfirmationAsync(pending, cancellationToken);
    }
}
