using System.CommandLine;
using Microsoft.Extensions.Options;
using Paperboy.Hosting;
using Paperboy.Papers;
using Paperboy.Scheduler;
using Paperboy.Subscribers;

namespace Paperboy.Demo;

/// <summary>
/// The whole pipeline once, on the configured data folder: migrate, ingest the sample corpus, add three
/// demo subscribers, send their digests through the configured transport and show what happened.
/// </summary>
public static class DemoCommand
{
    // Delivery hour 0: due at any time of the local day, so the demo sends at once wherever it runs.
    private static readonly NewSubscriber[] DemoSubscribers =
    [
        new("ada@example.com", ["semantic segmentation", "object detection", "convolutional"], DigestFrequency.Daily, "Europe/Berlin", 0),
        new("grace@example.com", ["reinforcement learning", "policy", "robot"], DigestFrequency.Daily, "America/New_York", 0),
        new("alan@example.com", ["language model", "translation", "attention"], DigestFrequency.Daily, "Asia/Tokyo", 0),
    ];

    public static Command Create(IServiceProvider services)
    {
        var demo = new Command("demo", "Run the whole pipeline once on the sample corpus with three demo subscribers.");
        CliAction.Set(demo, services, async (_, console, ct) =>
        {
            IHostEnvironment environment = services.GetRequiredService<IHostEnvironment>();
            string corpus = Path.GetFullPath(services.GetRequiredService<IOptions<PapersOptions>>().Value.SampleCorpusPath, environment.ContentRootPath);
            IngestReport ingest = await services.GetRequiredService<PaperIngestor>().IngestFileAsync(corpus, PaperFormat.Auto, ct);
            await PapersCommands.PrintAsync(ingest, IngestOrigin.File, console);

            SubscriberStore store = services.GetRequiredService<SubscriberStore>();
            foreach (NewSubscriber subscriber in DemoSubscribers)
            {
                if (await store.FindByEmailAsync(subscriber.Email, ct) is null)
                {
                    await store.AddAsync(subscriber, SubscriberStatus.Active, ct);
                    await console.Out.WriteLineAsync($"added {subscriber.Email} ({subscriber.TimeZone}): {string.Join(", ", subscriber.Keywords)}");
                }
            }

            await console.Out.WriteLineAsync();
            RunReport report = await services.GetRequiredService<DigestRunner>().RunDueAsync(ct);
            int exitCode = await SchedulerCommands.PrintAsync(report, console);
            foreach (NewSubscriber subscriber in DemoSubscribers.Where(s => report.Plans.All(p => p.Email != s.Email)))
            {
                await console.Out.WriteLineAsync($"{subscriber.Email,-32} today's digest was already sent; run again tomorrow for the next-best papers");
            }

            await console.Out.WriteLineAsync();
            await console.Out.WriteLineAsync("Open the .eml files above in a mail client to read the digests. Start the service with: dotnet run --project src");
            return exitCode;
        });
        return demo;
    }
}
