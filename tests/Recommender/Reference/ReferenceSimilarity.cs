using System.Numerics.Tensors;
using Paperboy.Recommender;

namespace Paperboy.Tests.Recommender.Reference;

/// <summary>Paper-to-paper similarity computed directly every time, as before the index cached it.</summary>
internal static class ReferenceSimilarity
{
    public static float Of(PaperIndex index, int a, int b) =>
        index.HasEmbeddings ? TensorPrimitives.Dot(index.Embedding(a), index.Embedding(b)) : index.Vector(a).Dot(index.Vector(b));
}
