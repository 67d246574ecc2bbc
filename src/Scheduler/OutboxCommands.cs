using System.CommandLine;
using Paperboy.Hosting;

namespace Paperboy.Scheduler;

public static class OutboxCommands
{
    private static readonly string[] States = ["pending", "sending", "sent", "failed", "uncertain", "cancelled"];

    public static Command Create(IServiceProvider services)
    {
        OutboxStore outbox = services.GetRequiredService<OutboxStore>();

        var status = new Command("status", "Messages by state, and the oldest one waiting.");
        CliAction.Set(status, services, async (_, console, ct) =>
        {
            OutboxStatus current = await outbox.StatusAsync(ct);
            foreach (string state in States)
            {
                await console.Out.WriteLineAsync($"{state,-10} {current.Count(state),8}");
            }

            await console.Out.WriteLineAsync(current.OldestPendingAt is { } oldest
                ? $"oldest pending: {CliTime.Format(oldest)}"
                : "oldest pending: none");
            return ExitCodes.Success;
        });

        var state = new Option<string>("--state")
        {
            Description = $"Which messages: {string.Join(", ", States)}.",
            DefaultValueFactory = _ => "uncertain",
            // Not case-sensitive, like the other options that name a choice (--format JSONL).
            CustomParser = result => result.Tokens.Count == 0 ? "uncertain" : result.Tokens[0].Value.ToLowerInvariant(),
        };
        state.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } value && !States.Contains(value, StringComparer.Ordinal))
            {
                result.AddError($"--state '{result.Tokens[0].Value}' is not one of: {string.Join(", ", States)}");
            }
        });
        state.CompletionSources.Add(States);
        var list = new Command("list", "List the messages in one state (by default the uncertain ones, which are never resent on their own).") { state };
        CliAction.Set(list, services, async (parse, console, ct) =>
        {
            IReadOnlyList<OutboxSummary> messages = await outbox.ListAsync(parse.GetRequiredValue(state), ct);
            if (messages.Count > 0)
            {
                await console.Out.WriteLineAsync($"{"ID",8}  {"KIND",-12} {"RECIPIENT",-32} {"STATE",-10} {"ATTEMPTS",8}  LAST ERROR");
            }

            foreach (OutboxSummary m in messages)
            {
                await console.Out.WriteLineAsync($"{m.Id,8}  {m.Kind,-12} {m.Recipient,-32} {m.State,-10} {m.Attempts,8}  {m.LastError}".TrimEnd());
            }

            await console.Out.WriteLineAsync($"{messages.Count} message(s)");
            return ExitCodes.Success;
        });

        var id = new Argument<long>("ID");
        var retry = new Command("retry", "Send a failed, uncertain or cancelled message again (an uncertain one may then arrive twice).") { id };
        CliAction.Set(retry, services, async (parse, console, ct) =>
        {
            long messageId = parse.GetRequiredValue(id);
            (string? previous, bool retried) = await outbox.RetryAsync(messageId, ct);
            if (!retried)
            {
                throw new PaperboyException(previous is null
                    ? $"there is no message {messageId} in the outbox"
                    : $"message {messageId} is {previous}: only a failed, uncertain or cancelled message can be sent again");
            }

            await console.Out.WriteLineAsync($"message {messageId} ({previous}) is pending again; it goes out with the next send-due");
            return ExitCodes.Success;
        });

        return new Command("outbox", "Inspect and repair the queue of outgoing mail.") { status, list, retry };
    }
}
