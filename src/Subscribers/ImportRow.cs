namespace Paperboy.Subscribers;

/// <summary>One valid row of an import file, with the line it came from so a skipped one can be reported.</summary>
public sealed record ImportRow(long Line, NewSubscriber Subscriber, SubscriberStatus Status);
