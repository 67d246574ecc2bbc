using System.ComponentModel.DataAnnotations;

namespace Paperboy.Papers;

public sealed class PapersOptions
{
    public const string Section = "Papers";

    /// <summary>The corpus the demo ingests; relative to the content root.</summary>
    [Required]
    public string SampleCorpusPath { get; set; } = "samples/papers.txt";
}
