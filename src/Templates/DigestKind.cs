namespace Paperboy.Templates;

/// <summary>Which template a digest is written with.</summary>
public enum DigestKind
{
    Daily,

    /// <summary>Papers grouped by the interest they matched.</summary>
    Weekly,

    /// <summary>An instant alert: a short email for 1-3 papers (more are sent as a daily digest).</summary>
    Alert,
}
