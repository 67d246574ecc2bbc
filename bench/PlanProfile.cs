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
    // As the SMTP client writes a message: CRLF line ends.
    private static readonly FormatOptions Wire = WireFormat();

    public static async Task PrintAsync(IServiceProvider services, int count)
    {
        // The first pass runs every phase cold (the JIT tiers code up while it runs); only the second is printed.
        await PrintAsync(services, count, "profile-warm-up", TextWriter.Null);
        await PrintAsync(services, count, "profile", Console.Out);
    }

    private static FormatOptions WireFormat()
    {
        FormatOptions options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        return options;
    }

    private static async Task PrintAsync(IServiceProvider services, int count, string period, TextWriter output)
    {
        SubscriberStore subscribers = services.GetRequiredService<SubscriberStore>();
        SubscriberRanking ranking = services.GetRequiredService<SubscriberRanking>();
        DigestStore digests = services.GetRequiredService<DigestStore>();
        DigestViewBuilder views = services.GetRequiredService<DigestViewBuilder>();
        DigestRenderer renderer = services.GetRequiredService<DigestRenderer>();
        MessageSealer sealer = services.GetRequiredService<MessageSealer>();
        MailOptions mail = services.GetRequiredService<IOptions<MailOptions>>().Value;
        DateTimeOffset now = DateTimeOffset.UtcNow;

        var watch = Stopwatch.StartNew();
        long bytes = GC.GetAllocatedBytesForCurrentThread();
        var allocated = new Dictionary<string, long>();
        List<Subscriber> active = [.. (await subscribers.ListActiveAsync(CancellationToken.None)).Take(count)];
        TimeSpan list = watch.Elapsed;
        allocated["list"] = GC.GetAllocatedBytesForCurrentThread() - bytes;

        watch.Restart();
        bytes = GC.GetAllocatedBytesForCurrentThread();
        PaperIndex index = await ranking.IndexAsync(CancellationToken.None);
        TimeSpan indexTime = watch.Elapsed;
        allocated["indexTime"] = GC.GetAllocatedBytesForCurrentThread() - bytes;

        watch.Restart();
        bytes = GC.GetAllocatedBytesForCurrentThread();
        foreach (Subscriber s in active)
        {
            await digests.ExistsAsync(s.Id, period, CancellationToken.None);
        }

        TimeSpan exists = watch.Elapsed;
        allocated["exists"] = GC.GetAllocatedBytesForCurrentThread() - bytes;

        watch.Restart();
        bytes = GC.GetAllocatedBytesForCurrentThread();
        var ranked = new List<IReadOnlyList<Recommendation>>(active.Count);
        foreach (Subscriber s in active)
        {
            ranked.Add(await ranking.RankAsync(index, s, now, CancellationToken.None));
        }

        TimeSpan rank = watch.Elapsed;
        allocated["rank"] = GC.GetAllocatedBytesForCurrentThread() - bytes;

        watch.Restart();
        bytes = GC.GetAllocatedBytesForCurrentThread();
        List<DigestView> built = [.. active.Select((s, i) => views.Build(s, ranked[i], now))];
        TimeSpan view = watch.Elapsed;
        allocated["view"] = GC.GetAllocatedBytesForCurrentThread() - bytes;

        watch.Restart();
        bytes = GC.GetAllocatedBytesForCurrentThread();
        List<RenderedDigest> bodies = [.. built.Select(renderer.Render)];
        TimeSpan render = watch.Elapsed;
        allocated["render"] = GC.GetAllocatedBytesForCurrentThread() - bytes;

        watch.Restart();
        bytes = GC.GetAllocatedBytesForCurrentThread();
        List<MimeMessage> messages = [.. active.Select((s, i) => DigestMessageBuilder.Build(
            mail.FromAddress, s.Email, built[i].Subject, period, s.Id, built[i].UnsubscribeUrl, null, now))];
        TimeSpan mime = watch.Elapsed;
        allocated["mime"] = GC.GetAllocatedBytesForCurrentThread() - bytes;

        watch.Restart();
        bytes = GC.GetAllocatedBytesForCurrentThread();
        List<OutgoingMessage> sealedMessages = [.. messages.Select((m, i) => sealer.Seal(m, bodies[i].Text, bodies[i].Html))];
        TimeSpan seal = watch.Elapsed;
        allocated["seal"] = GC.GetAllocatedBytesForCurrentThread() - bytes;

        watch.Restart();
        bytes = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < active.Count; i++)
        {
            if (ranked[i].Count > 0)
            {
                await digests.SaveAsync(new NewDigest(active[i].Id, period, ranked[i], sealedMessages[i]), CancellationToken.None);
            }
        }

        TimeSpan save = watch.Elapsed;
        allocated["save"] = GC.GetAllocatedBytesForCurrentThread() - bytes;

        watch.Restart();
        bytes = GC.GetAllocatedBytesForCurrentThread();
        foreach (OutgoingMessage sealedMessage in sealedMessages)
        {
            using var stream = new MemoryStream(StoredMime.Unpack(sealedMessage.Stored));
            MimeMessage parsed = MimeMessage.Load(stream, persistent: true);
            // What the SMTP client does with a message: format it through its filters into the connection.
            parsed.WriteTo(Wire, Stream.Null);
        }

        TimeSpan resend = watch.Elapsed;
        allocated["resend"] = GC.GetAllocatedBytesForCurrentThread() - bytes;

        watch.Restart();
        bytes = GC.GetAllocatedBytesForCurrentThread();
        foreach (OutgoingMessage sealedMessage in sealedMessages)
        {
            // What the dispatcher hands to the SMTP client instead (headers read, the body written as stored).
            StoredMessage.Open(sealedMessage.Stored).WriteTo(Wire, Stream.Null);
        }

        TimeSpan stored = watch.Elapsed;
        allocated["stored"] = GC.GetAllocatedBytesForCurrentThread() - bytes;

        TemplateRenderer templates = new(services.GetRequiredService<TemplateCatalog>());
        foreach (string name in new[] { DigestRenderer.HtmlTemplate, DigestRenderer.TextTemplate })
        {
            watch.Restart();
            bytes = GC.GetAllocatedBytesForCurrentThread();
            long chars = 0;
            foreach (DigestView v in built)
            {
                chars += templates.Render(name, v).Length;
            }

            allocated[name] = GC.GetAllocatedBytesForCurrentThread() - bytes;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {watch.Elapsed.TotalMicroseconds / built.Count:F0} µs, {allocated[name] / 1024.0 / built.Count:F1} KB allocated, {chars / built.Count} chars per digest"));
        }

        output.WriteLine($"profile of planning over {active.Count} subscribers (one thread; µs and KB allocated per digest):");
        foreach ((string phase, TimeSpan time, string key) in new[]
        {
            ("list active (all)", list, nameof(list)), ("paper index (once)", indexTime, nameof(indexTime)), ("exists check", exists, nameof(exists)),
            ("rank (2 reads + ranker)", rank, nameof(rank)), ("view", view, nameof(view)), ("render", render, nameof(render)), ("mime headers", mime, nameof(mime)),
            ("seal (write MIME bytes)", seal, nameof(seal)), ("save (1 transaction)", save, nameof(save)), ("parse + write (MimeKit)", resend, nameof(resend)),
            ("stored message write (sent)", stored, nameof(stored)),
        })
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {phase,-28} {time.TotalMicroseconds / active.Count,8:F0} µs {allocated[key] / 1024.0 / active.Count,8:F1} KB"));
        }
    }
}
