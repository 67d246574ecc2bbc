namespace Paperboy.Subscribers;

public enum DigestFrequency
{
    Daily,
    Weekly,
}
