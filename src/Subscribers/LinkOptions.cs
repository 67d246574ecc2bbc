using System.ComponentModel.DataAnnotations;

namespace Paperboy.Subscribers;

public sealed class LinkOptions
{
    public const string Section = "Links";

    /// <summary>
    /// The HMAC key that signs every link, base64 (at least 32 bytes). Set it from a secret store or the
    /// environment; when empty, a random key is created in <see cref="KeyFile"/> on first use.
    /// </summary>
    public string SigningKey { get; set; } = "";

    /// <summary>
    /// Where the generated key is kept when <see cref="SigningKey"/> is empty; relative to the content root.
    /// Empty: <c>link-signing.key</c> beside the database file.
    /// </summary>
    public string KeyFile { get; set; } = "";

    /// <summary>How long a confirmation link works.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "90.00:00:00")]
    public TimeSpan ConfirmationLifetime { get; set; } = TimeSpan.FromDays(7);
}
