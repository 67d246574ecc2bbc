using System.ComponentModel.DataAnnotations;

namespace Paperboy.Scheduler;

/// <summary>DKIM signing of every message; off while <see cref="Domain"/> is empty.</summary>
public sealed class DkimOptions : IValidatableObject
{
    public const string Section = "Mail:Dkim";

    /// <summary>The signing domain (d=), normally the From address's domain.</summary>
    public string Domain { get; set; } = "";

    /// <summary>The selector (s=): the public key is published at SELECTOR._domainkey.DOMAIN.</summary>
    public string Selector { get; set; } = "";

    /// <summary>The RSA private key (PEM), relative to the content root. Keep it out of the repository.</summary>
    public string PrivateKeyPath { get; set; } = "";

    public bool Enabled => Domain.Length > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && (Selector.Length == 0 || PrivateKeyPath.Length == 0))
        {
            yield return new ValidationResult("Mail:Dkim needs Domain, Selector and PrivateKeyPath together", [nameof(Selector), nameof(PrivateKeyPath)]);
        }
    }
}
