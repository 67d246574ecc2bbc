using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using Paperboy.Recommender;
using Paperboy.Scheduler;
using Paperboy.Subscribers;
using Paperboy.Templates;

namespace Paperboy.Bench;

/// <summary>
/// Where one digest's planning time goes: the same calls the planner makes, one phase at a time over the same
/// subscribers, each timed on its own (wall time per digest, single-threaded). Printed with `--profile N`.
/// </summary>
internal static class PlanProfile
{
    public static async Task PrintAsync(IServiceProvider services, int count)
    {
        SubscriberStore subscribers = services.GetRequiredService<SubscriberStore>();
        SubscriberRanking ranking = services.GetRequiredService<SubscriberRanking>();
        DigestStore digests = services.GetRequiredService<DigestStore>();
        DigestViewBuilder views = services.GetRequiredService<DigestViewBuilder>();
        DigestRenderer renderer = services.GetRequiredService<DigestRenderer>();
        MessageSealer sealer = services.GetRequiredService<MessageSealer>();
        MailOptions mail = services.GetRequiredService<IOptions<MailOptions>>().Value;
        DateTimeOffset now = DateTimeOffset.UtcNow;
        const string Period = "profile";

        var watch = Stopwatch.StartNew();
        List<Subscriber> active = [.. (await subscribers.ListActiveAsync(CancellationToken.None)).Take(count)];
        TimeSpan list = watch.Elapsed;

        watch.Restart();
        PaperIndex index = await ranking.IndexAsync(CancellationToken.None);
        TimeSpan indexTime = watch.Elapsed;

        watch.Restart();
        foreach (Subscriber s in active)
        {
            await digests.ExistsAsync(s.Id, Period, CancellationToken.None);
        }

        TimeSpan exists = watch.Elapsed;

        watch.Restart();
        var ranked = new List<IReadOnlyList<Recommendation>>(active.Count);
        foreach (Subscriber s in active)
        {
            ranked.Add(await ranking.RankAsync(index, s, now, CancellationToken.None));
        }

        TimeSpan rank = watch.Elapsed;

        watch.Restart();
        List<DigestView> built = [.. active.Select((s, i) => views.Build(s, ranked[i], now))];
        TimeSpan view = watch.Elapsed;

        watch.Restart();
        List<RenderedDigest> bodies = [.. built.Select(renderer.Render)];
        TimeSpan render = watch.Elapsed;

        watch.Restart();
        for (int i = 0; i < active.Count; i++)
        {
            _ = new HtmlEncodingTemplateContext();
            _ = new Scriban.TemplateContext();
        }

        TimeSpan contexts = watch.Elapsed;

        watch.Restart();
        List<MimeMessage> messages = [.. active.Select((s, i) => DigestMessageBuilder.Build(
            mail.FromAddress, s.Email, built[i].Subject, Period, s.Id, bodies[i], built[i].UnsubscribeUrl, null, now))];
        TimeSpan mime = watch.Elapsed;

        watch.Restart();
        List<OutgoingMessage> sealedMessages = [.. messages.Select(sealer.Seal)];
        TimeSpan seal = watch.Elapsed;

        watch.Restart();
        for (int i = 0; i < active.Count; i++)
        {
            if (ranked[i].Count > 0)
            {
                await digests.SaveAsync(new NewDigest(active[i].Id, Period, ranked[i], sealedMessages[i]), CancellationToken.None);
            }
        }

        TimeSpan save = watch.Elapsed;

        Console.WriteLine($"profile of planning over {active.Count} subscribers (µs per digest, one thread):");
        foreach ((string phase, TimeSpan time) in new[]
        {
            ("list active (all)", list), ("paper index (once)", indexTime), ("exists check", exists), ("rank (2 reads + ranker)", rank),
            ("view", view), ("render", render), ("  of which 2 new contexts", contexts), ("mime build", mime), ("seal (write bytes)", seal), ("save (1 transaction)", save),
        })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {phase,-26} {time.TotalMicroseconds / active.Count,10:F0}"));
        }
    }
}
