using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using Paperboy.Hosting;
using Paperboy.Scheduler;
using Paperboy.Subscribers.Web;

namespace Paperboy.Subscribers;

/// <summary>
/// What an operator does for one reader who writes in: see their profile, unsubscribe them, erase them.
/// </summary>
public static class SubscriberCareCommands
{
    public static IEnumerable<Command> Create(IServiceProvider services)
    {
        var showEmail = new Argument<string>("EMAIL") { Description = "The subscriber's address." };
        var show = new Command("show", "Show one subscriber's profile: schedule, keywords, liked and disliked papers, digests sent.") { showEmail };
        CliAction.Set(show, services, async (parse, console, ct) =>
        {
            Subscriber subscriber = await FindAsync(services, parse.GetRequiredValue(showEmail), ct);
            SubscriberExport export = await services.GetRequiredService<ProfileStore>().ExportAsync(subscriber.Id, ct)
                ?? throw new PaperboyException($"subscriber {subscriber.Email} was deleted meanwhile");
            DayOfWeek weeklyDay = services.GetRequiredService<IOptions<SchedulerOptions>>().Value.WeeklyDay;
            TextWriter o = console.Out;
            await o.WriteLineAsync($"{subscriber.Email} (id {subscriber.Id}): {export.Subscriber.Status}, since {CliTime.Format(export.Subscriber.CreatedAt)}");
            if (await services.GetRequiredService<SuppressionStore>().FindAsync(subscriber.Email, ct) is { } suppression)
            {
                // The status above does not say it, and the send path skips the address without a word.
                await o.WriteLineAsync(
                    $"suppressed since {CliTime.Format(suppression.CreatedAt)} ({suppression.Reason}): nothing is sent to this address until `suppression remove {subscriber.Email}`");
            }

            await o.WriteLineAsync($"schedule: {export.Subscriber.Frequency}, {Schedule(subscriber, weeklyDay)}; {export.Subscriber.PapersPerDigest?.ToString(CultureInfo.InvariantCulture) ?? "default number of"} papers per digest");
            await o.WriteLineAsync($"keywords: {Joined(subscriber.Keywords)}");
            await o.WriteLineAsync($"muted: {Joined(subscriber.MutedKeywords)}");
            foreach (string opinion in Enum.GetValues<Opinion>().Select(SubscriberStore.Text))
            {
                SubscriberExport.PaperOpinion[] papers = [.. export.Opinions.Where(p => p.Opinion == opinion)];
                await o.WriteLineAsync($"{opinion} papers: {papers.Length}");
                foreach (SubscriberExport.PaperOpinion paper in papers)
                {
                    await o.WriteLineAsync($"  {paper.Paper}  {paper.Title}");
                }
            }

            await o.WriteLineAsync($"waiting to be fetched from arXiv: {Joined(export.WantedPapers)}");
            string[] periods = [.. export.SentPapers.Select(p => p.Period).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
            await o.WriteLineAsync($"digests: {periods.Length} ({export.SentPapers.Count} papers){(periods.Length > 0 ? $", the last for {periods[^1]}" : "")}");
            return ExitCodes.Success;
        });

        var unsubscribeEmail = new Argument<string>("EMAIL") { Description = "The subscriber's address." };
        var unsubscribe = new Command("unsubscribe", "Unsubscribe a reader who asked by other means (mail, a support ticket); what is queued for them is cancelled.") { unsubscribeEmail };
        CliAction.Set(unsubscribe, services, async (parse, console, ct) =>
        {
            Subscriber subscriber = await FindAsync(services, parse.GetRequiredValue(unsubscribeEmail), ct);
            if (subscriber.Status == SubscriberStatus.Unsubscribed)
            {
                await console.Out.WriteLineAsync($"{subscriber.Email} is already unsubscribed");
                return ExitCodes.Success;
            }

            await services.GetRequiredService<SubscriberStore>().UnsubscribeAsync(subscriber.Id, ct);
            await console.Out.WriteLineAsync($"{subscriber.Email} unsubscribed; digests queued for them are cancelled");
            return ExitCodes.Success;
        });

        var deleteEmail = new Argument<string>("EMAIL") { Description = "The subscriber's address." };
        var yes = new Option<bool>("--yes") { Description = "Confirm: the deletion cannot be undone." };
        var delete = new Command(
            "delete",
            "Delete a subscriber and everything stored about them (profile, history, stored messages), as \"delete me\" on the preferences page does; only a hash of the address stays, on the suppression list.")
        {
            deleteEmail,
            yes,
        };
        CliAction.Set(delete, services, async (parse, console, ct) =>
        {
            Subscriber subscriber = await FindAsync(services, parse.GetRequiredValue(deleteEmail), ct);
            if (!parse.GetValue(yes))
            {
                await console.Error.WriteLineAsync($"error: this deletes {subscriber.Email} and everything stored about them, and cannot be undone; run again with --yes");
                return ExitCodes.Usage;
            }

            await services.GetRequiredService<ProfileStore>().DeleteAsync(subscriber.Id, ct);
            await console.Out.WriteLineAsync($"{subscriber.Email} deleted with everything stored about them; a hash of the address stays on the suppression list");
            return ExitCodes.Success;
        });

        return [show, unsubscribe, delete];
    }

    private static async Task<Subscriber> FindAsync(IServiceProvider services, string email, CancellationToken cancellationToken) =>
        await services.GetRequiredService<SubscriberStore>().FindByEmailAsync(email, cancellationToken)
            ?? throw new PaperboyException($"no subscriber has the address {email.Trim()}");

    private static string Schedule(Subscriber subscriber, DayOfWeek configured) =>
        DeliveryWords.When(subscriber, subscriber.Frequency, configured)
        + (subscriber.Frequency == DigestFrequency.Weekly && subscriber.WeeklyDay is null ? ", the day of Scheduler:WeeklyDay" : "");

    private static string Joined(IEnumerable<string> items) => string.Join(", ", items) is { Length: > 0 } text ? text : "none";
}
