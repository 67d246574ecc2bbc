using System.Text.Json.Serialization;

namespace Paperboy.Evaluation;

/// <summary>One line of a run file: a profile's id and its papers' ids, best first.</summary>
public sealed record EvalRun(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("papers")] IReadOnlyList<string> Papers);

[JsonSerializable(typeof(EvalRun))]
internal sealed partial class EvalJson : JsonSerializerContext;
