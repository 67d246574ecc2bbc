using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using Paperboy.Hosting;
using Paperboy.Scheduler;

namespace Paperboy.Subscribers;

public static class SubscribersCommands
{
    public static Command Create(IServiceProvider services)
    {
        var email = new Argument<string>("EMAIL") { Description = "The subscriber's address." };
        var keywords = new Option<string>("--keywords") { Description = "Comma-separated keywords or phrases, e.g. \"graph neural networks, protein folding\"." };
        var frequency = new Option<string>("--frequency") { Description = "daily, weekly or instant (alerts within minutes, at most Scheduler:MaxAlertsPerDay a day).", DefaultValueFactory = _ => "daily" };
        var timeZone = new Option<string>("--timezone") { Description = "IANA time zone, e.g. Europe/Berlin.", DefaultValueFactory = _ => "UTC" };
        var hour = new Option<int>("--hour") { Description = "Local hour (0-23) the digest is sent at.", DefaultValueFactory = _ => 7 };
        var liked = new Option<string>("--liked") { Description = "arXiv ids or links of papers they liked, separated by commas; papers not in the catalog are fetched by the service (or papers fetch-wanted)." };
        var add = new Command("add", "Add a subscriber; added by the operator, they are active at once.") { email, keywords, frequency, timeZone, hour, liked };
        // Every field comes straight from the command line, so a wrong one makes the command line wrong (exit 2, as for
        // `--hour abc`), reported before the database is opened; a refusal that depends on what is stored (already
        // subscribed) is the command's own error (exit 1).
        add.Validators.Add(result => OptionValues.UnlessUnreadable(() =>
        {
            var errors = new List<string>();
            NewSubscriber.Validate(
                result.GetValue(email) ?? "", SubscriptionRules.SplitKeywords(result.GetValue(keywords)), result.GetValue(frequency),
                result.GetValue(timeZone), result.GetValue(hour), errors, SubscriptionRules.SplitPapers(result.GetValue(liked)));
            if (errors.Count > 0)
            {
                result.AddError($"invalid subscription: {string.Join("; ", errors)}");
            }
        }));
        CliAction.Set(add, services, async (parse, console, ct) =>
        {
            var subscriber = NewSubscriber.Create(
                parse.GetRequiredValue(email), parse.GetValue(keywords), parse.GetValue(frequency), parse.GetValue(timeZone), parse.GetValue(hour),
                SubscriptionRules.SplitPapers(parse.GetValue(liked)));
            long id = await services.GetRequiredService<SubscriberStore>().AddAsync(subscriber, SubscriberStatus.Active, ct);
            await console.Out.WriteLineAsync(
                $"subscriber {id} added: {subscriber.Email}, {subscriber.Frequency.ToString().ToLowerInvariant()} at {subscriber.DeliveryHour}:00 {subscriber.TimeZone}, keywords: {string.Join(", ", subscriber.Keywords)}" +
                (subscriber.LikedPapers.Count > 0 ? $", {subscriber.LikedPapers.Count} liked paper(s)" : ""));
            if (await services.GetRequiredService<SuppressionStore>().FindAsync(subscriber.Email, ct) is { } suppression)
            {
                await console.Error.WriteLineAsync($"warning: {suppression.Warning(subscriber.Email)}");
            }

            return ExitCodes.Success;
        });

        var list = new Command("list", "List the subscribers.");
        CliAction.Set(list, services, async (_, console, ct) =>
        {
            IReadOnlyList<Subscriber> subscribers = await services.GetRequiredService<SubscriberStore>().ListAsync(ct);
            DayOfWeek weeklyDay = services.GetRequiredService<IOptions<SchedulerOptions>>().Value.WeeklyDay;
            HashSet<string> suppressed = await services.GetRequiredService<SuppressionStore>().HashesAsync(ct);

            // Marked, as nothing is sent to a suppressed address whatever its status says.
            string[] statuses = [.. subscribers.Select(s => SubscriberStore.Text(s.Status) + (suppressed.Contains(SubscriberStore.EmailHash(s.Email)) ? " (suppressed)" : ""))];
            int width = statuses.Select(t => t.Length).Append(12).Max();
            await console.Out.WriteLineAsync($"{"ID",4}  {"EMAIL",-32} {"STATUS".PadRight(width)} {"FREQUENCY",-9} {"WHEN",-26} KEYWORDS");
            foreach ((Subscriber s, string status) in subscribers.Zip(statuses))
            {
                await console.Out.WriteLineAsync(
                    $"{s.Id,4}  {s.Email,-32} {status.PadRight(width)} {s.Frequency.ToString().ToLowerInvariant(),-9} " +
                    $"{$"{When(s, weeklyDay)}{s.DeliveryHour:00}:00 {s.TimeZone}",-26} {string.Join(", ", s.Keywords)}");
            }

            await console.Out.WriteLineAsync($"{subscribers.Count} subscriber(s)");
            return ExitCodes.Success;
        });

        var file = new Argument<string>("FILE") { Description = "CSV with the header email,keywords,frequency,timezone,hour,consented; keywords separated by ';'." };
        var import = new Command("import", "Import subscribers from a CSV file; rows with consented=true are active, the rest pending (no mail is sent).") { file };
        CliAction.Set(import, services, async (parse, console, ct) =>
        {
            ImportReport report = await services.GetRequiredService<SubscriberImporter>().ImportAsync(parse.GetRequiredValue(file), console.Error, ct);
            await console.Out.WriteLineAsync(
                $"imported {report.Active + report.Pending} subscriber(s): {report.Active} active, {report.Pending} pending; " +
                $"skipped {report.Skipped} row(s): {report.Invalid} invalid, {report.AlreadySubscribed} already subscribed");
            return report.Skipped > 0 ? ExitCodes.Partial : ExitCodes.Success;
        });

        var command = new Command("subscribers", "Manage subscribers.") { add, list, import };
        foreach (Command care in SubscriberCareCommands.Create(services))
        {
            command.Subcommands.Add(care);
        }

        return command;
    }

    // A weekly digest's day ("Fri "), the subscriber's own or the configured one.
    private static string When(Subscriber subscriber, DayOfWeek configured) => subscriber.Frequency == DigestFrequency.Weekly
        ? CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(subscriber.WeeklyDay ?? configured) + " "
        : "";
}
