using System.CommandLine;
using Paperboy.Hosting;

namespace Paperboy.Scheduler;

public static class SchedulerCommands
{
    public static Command Create(IServiceProvider services)
    {
        var sendDue = new Command("send-due", "Plan and send every digest that is due now, then exit (for cron and tests).");
        CliAction.Set(sendDue, services, async (_, console, ct) =>
        {
            RunReport report = await services.GetRequiredService<DigestRunner>().RunDueAsync(ct);
            return await PrintAsync(report, console);
        });
        return sendDue;
    }

    /// <summary>A table of what happened to each subscriber who was due; non-zero when a message failed.</summary>
    public static async Task<int> PrintAsync(RunReport report, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(console);
        if (report.Plans.Count == 0 && report.Deliveries.Count == 0)
        {
            await console.Out.WriteLineAsync("nothing is due");
            return ExitCodes.Success;
        }

        Dictionary<long, DispatchOutcome> byOutbox = report.Deliveries.ToDictionary(d => d.OutboxId);
        await console.Out.WriteLineAsync($"{"SUBSCRIBER",-32} {"PERIOD",-10} {"PAPERS",6}  RESULT");
        foreach (PlanOutcome plan in report.Plans)
        {
            string result = plan.OutboxId is { } id && byOutbox.Remove(id, out DispatchOutcome? delivery)
                ? Describe(delivery)
                : plan.Note;
            await console.Out.WriteLineAsync($"{plan.Email,-32} {plan.Period,-10} {plan.Papers,6}  {result}");
        }

        // Messages queued by earlier runs (retries) are reported too.
        foreach (DispatchOutcome delivery in byOutbox.Values)
        {
            await console.Out.WriteLineAsync($"{delivery.Recipient,-32} {"(earlier)",-10} {"",6}  {Describe(delivery)}");
        }

        await console.Out.WriteLineAsync(Totals(report));

        return report.Deliveries.Any(d => d.State is "failed" or "uncertain") ? ExitCodes.Error : ExitCodes.Success;
    }

    /// <summary>"3 digests planned; messages: 2 sent, 1 to retry": the table's sums, for a long run's last line.</summary>
    private static string Totals(RunReport report)
    {
        int planned = report.Plans.Count(p => p.OutboxId is not null);
        IEnumerable<string> states = report.Deliveries
            .GroupBy(d => d.State == "pending" ? "to retry" : d.State)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key}");
        string deliveries = report.Deliveries.Count == 0 ? "no message handled" : $"messages: {string.Join(", ", states)}";
        return $"{Counted.Of(planned, "digest")} planned; {deliveries}";
    }

    private static string Describe(DispatchOutcome delivery) => delivery.State switch
    {
        "sent" => $"sent: {delivery.Location}",
        "pending" => $"will retry: {delivery.Error}",
        _ => $"{delivery.State}: {delivery.Error}",
    };
}
