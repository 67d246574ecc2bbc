using Paperboy.Hosting;

namespace Paperboy.Subscribers;

/// <summary>A validated subscription request.</summary>
public sealed record NewSubscriber(string Email, IReadOnlyList<string> Keywords, DigestFrequency Frequency, string TimeZone, int DeliveryHour)
{
    /// <summary>Papers the subscriber named as liked, as catalog keys (<c>arxiv:2401.12345</c>); see <see cref="WantedPaperStore"/>.</summary>
    public IReadOnlyList<string> LikedPapers { get; init; } = [];

    /// <summary>Checks every field and reports all that are wrong at once.</summary>
    /// <exception cref="PaperboyException">When any field is invalid.</exception>
    public static NewSubscriber Create(string email, string? keywords, string? frequency, string? timeZone, int? hour, IEnumerable<string>? likedPapers = null) =>
        Create(email, SubscriptionRules.SplitKeywords(keywords), frequency, timeZone, hour, likedPapers);

    /// <inheritdoc cref="Create(string, string?, string?, string?, int?, IEnumerable{string}?)"/>
    public static NewSubscriber Create(string email, IEnumerable<string>? keywords, string? frequency, string? timeZone, int? hour, IEnumerable<string>? likedPapers = null)
    {
        var errors = new List<string>();
        NewSubscriber? subscriber = Validate(email, keywords, frequency, timeZone, hour, errors, likedPapers);
        return subscriber ?? throw new PaperboyException($"invalid subscription: {string.Join("; ", errors)}");
    }

    /// <summary>The subscriber, or null with every problem added to <paramref name="errors"/>.</summary>
    public static NewSubscriber? Validate(
        string email, IEnumerable<string>? keywords, string? frequency, string? timeZone, int? hour, List<string> errors, IEnumerable<string>? likedPapers = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        int before = errors.Count;
        string? address = SubscriptionRules.Email(email, errors);
        List<string> keywordList = SubscriptionRules.Keywords(keywords, errors);
        DigestFrequency parsedFrequency = SubscriptionRules.Frequency(frequency, errors);
        string zone = SubscriptionRules.TimeZone(timeZone, errors);
        int deliveryHour = SubscriptionRules.Hour(hour, errors);
        IReadOnlyList<string> liked = SubscriptionRules.LikedPapers(likedPapers, errors);
        return errors.Count > before ? null : new NewSubscriber(address!, keywordList, parsedFrequency, zone, deliveryHour) { LikedPapers = liked };
    }
}
