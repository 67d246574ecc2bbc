using Microsoft.Extensions.Options;
using Paperboy.Papers;

namespace Paperboy.Embeddings;

public static class EmbeddingsExtensions
{
    public static WebApplicationBuilder AddEmbeddings(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmbeddingsOptions>().BindConfiguration(EmbeddingsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PaperEmbeddingStore>();
        builder.Services.AddSingleton<PaperEmbedder>();
        // Stale vectors are dropped even while embedding is off, so a vector never describes an old text.
        builder.Services.AddSingleton<IPapersStoredListener>(sp => new EmbeddingsListener(
            sp.GetRequiredService<PaperEmbeddingStore>(),
            sp.GetRequiredService<IOptions<EmbeddingsOptions>>().Value.Enabled ? sp.GetRequiredService<EmbeddingWorker>() : null));
        builder.Services.AddSingleton<EmbeddingWorker>();

        // Whether the service runs the embedder is fixed when the host is built, so it is read here, once.
        if (builder.Configuration.GetSection(EmbeddingsOptions.Section).Get<EmbeddingsOptions>()?.Enabled ?? true)
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddingWorker>());
        }

        return builder;
    }
}
