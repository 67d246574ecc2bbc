using Paperboy.Embeddings;
using Paperboy.Feeds;
using Paperboy.Hosting;
using Paperboy.Inbound;
using Paperboy.Papers;
using Paperboy.Recommender;
using Paperboy.Scheduler;
using Paperboy.Storage;
using Paperboy.Subscribers;
using Paperboy.Subscribers.Web;
using Paperboy.Templates;

return await PaperboyCommandLine.RunAsync(args, a => Program.Build(a));

public static partial class Program
{
    /// <summary>Composes the application; tests call it with settings of their own.</summary>
    public static WebApplication Build(
        string[] args,
        IEnumerable<KeyValuePair<string, string?>>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        WebApplicationBuilder builder = PaperboyHost.CreateBuilder(args, settings);
        builder.AddStorage();
        builder.AddPapers();
        builder.AddEmbeddings();
        builder.AddFeeds();
        builder.AddRecommender();
        builder.AddSubscribers();
        builder.AddWebSecurity();
        builder.AddTemplates();
        builder.AddScheduler();
        builder.AddInbound();
        configureServices?.Invoke(builder.Services);

        WebApplication app = builder.Build();
        app.UseWebSecurity();
        app.MapHealth();
        app.MapSubscribers();
        app.MapPreview();
        return app;
    }
}
