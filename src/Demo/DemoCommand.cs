using System.CommandLine;
using Microsoft.Extensions.Options;
using Paperboy.Hosting;
using Paperboy.Papers;
using Paperboy.Scheduler;
using Paperboy.Subscribers;

namespace Paperboy.Demo;

/// <summary>
/// The whole pipeline once, on the configured data folder: migrate, ingest the sample corpus, add three
/// demo subscribers, send their digests through the configured transport and show what happened. It refuses a
/// database with subscribers of its own, since it sends whatever is due.
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
            SubscriberStore store = services.GetRequiredService<SubscriberStore>();
            string[] others = [.. (await store.ListAsync(ct)).Select(s => s.Email).Where(e => DemoSubscribers.All(d => d.Email != e))];
            if (others.Length > 0)
            {
                // The demo sends whatever is due; on a real database that would mail real readers.
                throw new PaperboyException(
                    $"the database holds {others.Length} subscriber(s) besides the demo's (such as {others[0]}); the demo would send them digests. Run it on a database of its own: Database__Path=data/demo.db dotnet run --project src -- demo");
            }

            IHostEnvironment environment = services.GetRequiredService<IHostEnvironment>();
            string corpus = Path.GetFullPath(services.GetRequiredService<IOptions<PapersOptions>>().Value.SampleCorpusPath, environment.ContentRootPath);
            IngestReport ingest = await services.GetRequiredService<PaperIngestor>().IngestFileAsync(corpus, PaperFormat.Auto, ct);
            await PapersCommands.PrintAsync(ingest, IngestOrigin.File, console);

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
            MailOptions mail = services.GetRequiredService<IOptions<MailOptions>>().Value;
            await console.Out.WriteLineAsync(mail.Transport == MailTransportKind.Pickup
                ? "Open the .eml files above in a mail client to read the digests. Start the service with: dotnet run --project src"
                : "The digests went to the configured SMTP server (Mail:Smtp). Start the service with: dotnet run --project src");
            return exitCode;
        });
        return demo;
    }
}
