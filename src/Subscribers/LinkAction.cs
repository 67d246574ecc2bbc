namespace Paperboy.Subscribers;

/// <summary>What a link token allows; a token works for its one action only.</summary>
public enum LinkAction
{
    Unsubscribe,
    Preferences,
}
