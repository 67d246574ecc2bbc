using System.CommandLine;
using Paperboy.Hosting;

namespace Paperboy.Inbound;

public static class InboundCommands
{
    public static Command Create(IServiceProvider services)
    {
        var poll = new Command("poll", "Read the inbound mailbox once: bounces, complaints and mailto unsubscribes.");
        CliAction.Set(poll, services, async (_, console, ct) =>
        {
            InboundReport report = await services.GetRequiredService<InboundPoller>().PollAsync(ct);
            foreach ((string key, InboundOutcome outcome) in report.Outcomes)
            {
                await console.Out.WriteLineAsync($"{key,-24} {Label(outcome.Kind),-12} {outcome.Detail}");
            }

            await console.Out.WriteLineAsync(
                $"hard bounces: {report.Count(InboundKind.HardBounce)}, soft bounces: {report.Count(InboundKind.SoftBounce)}, "
                + $"complaints: {report.Count(InboundKind.Complaint)}, unsubscribes: {report.Count(InboundKind.Unsubscribe)}, "
                + $"left alone: {report.Count(InboundKind.LeftAlone)}, failed: {report.Failed}");
            if (report.Finished > 0 || report.Skipped > 0)
            {
                await console.Out.WriteLineAsync($"from earlier polls: {report.Finished} deleted now, {report.Skipped} still left alone");
            }

            return report.Failed > 0 ? ExitCodes.Error : ExitCodes.Success;
        });
        return new Command("inbound", "The bounce and unsubscribe mailbox (Mail:Inbound).") { poll };
    }

    private static string Label(InboundKind kind) => kind switch
    {
        InboundKind.HardBounce => "bounce",
        InboundKind.SoftBounce => "delayed",
        InboundKind.Complaint => "complaint",
        InboundKind.Unsubscribe => "unsubscribe",
        _ => "left alone",
    };
}
