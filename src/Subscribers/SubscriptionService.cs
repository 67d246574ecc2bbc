namespace Paperboy.Subscribers;

/// <summary>
/// Sign-ups from the web: double opt-in, and the same outcome for the caller whether or not the address is
/// known (what differs goes only into the mailbox of the address itself).
/// </summary>
public sealed class SubscriptionService(SubscriberStore subscribers, AccountMailer mailer)
{
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
