namespace Paperboy.Hosting;

/// <summary>
/// A failure caused by the operator's or user's input, with a message fit to show them as it is.
/// </summary>
public sealed class PaperboyException : Exception
{
    public PaperboyException()
    {
    }

    public PaperboyException(string message)
        : base(message)
    {
    }

    public PaperboyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
