namespace Paperboy.Subscribers;

/// <summary>What a link token allows; a token works for its one action only. Values are part of the token format.</summary>
public enum LinkAction : byte
{
    Unsubscribe = 1,
    Preferences = 2,
    Confirm = 3,
    MoreLikeThis = 4,
    LessLikeThis = 5,
    MuteKeyword = 6,

    /// <summary>Switches the digest's frequency; the argument is the <see cref="DigestFrequency"/> switched to.</summary>
    SwitchFrequency = 7,
}
