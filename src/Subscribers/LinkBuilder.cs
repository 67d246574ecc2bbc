using Microsoft.Extensions.Options;

namespace Paperboy.Subscribers;

/// <summary>Builds the signed links of emails: each one names one subscriber, one action and what it acts on.</summary>
public sealed class LinkBuilder(LinkSigningKey key, IOptions<WebOptions> web, IOptions<LinkOptions> links, TimeProvider time)
{
    public string Unsubscribe(Subscriber subscriber) => Build("u", subscriber, LinkAction.Unsubscribe, 0, null);

    public string Preferences(Subscriber subscriber) => Build("p", subscriber, LinkAction.Preferences, 0, null);

    public string Confirm(Subscriber subscriber) =>
        Build("c", subscriber, LinkAction.Confirm, 0, time.GetUtcNow() + links.Value.ConfirmationLifetime);

    public string MoreLikeThis(Subscriber subscriber, long paperId) => Build("f", subscriber, LinkAction.MoreLikeThis, paperId, null);

    public string LessLikeThis(Subscriber subscriber, long paperId) => Build("f", subscriber, LinkAction.LessLikeThis, paperId, null);

    public string MuteKeyword(Subscriber subscriber, string keyword) =>
        Build("f", subscriber, LinkAction.MuteKeyword, LinkTokens.KeywordArgument(keyword), null);

    /// <summary>The digest footer's "one a week instead" (or "one a day instead") link.</summary>
    public string SwitchFrequency(Subscriber subscriber, DigestFrequency frequency) =>
        Build("f", subscriber, LinkAction.SwitchFrequency, (long)frequency, null);

    /// <summary>The token of <see cref="Unsubscribe"/>'s link (tokens are deterministic), for the mailto unsubscribe.</summary>
    public string UnsubscribeToken(Subscriber subscriber) => Token(subscriber, LinkAction.Unsubscribe, 0, null);

    private string Build(string path, Subscriber subscriber, LinkAction action, long argument, DateTimeOffset? expires) =>
        $"{web.Value.PublicBaseUrl.TrimEnd('/')}/{path}/{Token(subscriber, action, argument, expires)}";

    private string Token(Subscriber subscriber, LinkAction action, long argument, DateTimeOffset? expires)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return LinkTokens.Issue(key.Value, subscriber.LinkSecret, new LinkClaim(subscriber.Id, action, argument, expires));
    }
}
