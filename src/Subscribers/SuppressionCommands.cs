using System.CommandLine;
using Paperboy.Hosting;

namespace Paperboy.Subscribers;

public static class SuppressionCommands
{
    public static Command Create(IServiceProvider services)
    {
        SuppressionStore store = services.GetRequiredService<SuppressionStore>();

        var list = new Command("list", "List suppressed addresses (deleted subscribers show only a hash).");
        CliAction.Set(list, services, async (_, console, ct) =>
        {
            IReadOnlyList<Suppression> all = await store.ListAsync(ct);
            await console.Out.WriteLineAsync($"{"ADDRESS",-40} {"SINCE",-24} REASON");
            foreach (Suppression s in all)
            {
                await console.Out.WriteLineAsync($"{s.Email ?? $"(hash {s.EmailHash[..12]}…)",-40} {CliTime.Format(s.CreatedAt),-24} {s.Reason}");
            }

            await console.Out.WriteLineAsync($"{all.Count} suppressed address(es)");
            return ExitCodes.Success;
        });

        Argument<string> email = EmailArgument();
        var reason = new Option<string>("--reason") { Description = "Why (kept with the entry).", DefaultValueFactory = _ => "added by the operator" };
        var add = new Command("add", "Never send anything to this address again.") { email, reason };
        CliAction.Set(add, services, async (parse, console, ct) =>
        {
            string address = parse.GetRequiredValue(email);
            bool added = await store.AddAsync(address, parse.GetRequiredValue(reason), ct);
            await console.Out.WriteLineAsync(added ? $"{address} is suppressed" : $"{address} was already suppressed");
            return ExitCodes.Success;
        });

        Argument<string> removeEmail = EmailArgument();
        var remove = new Command("remove", "Allow mail to this address again (its subscription, if any, is unchanged).") { removeEmail };
        CliAction.Set(remove, services, async (parse, console, ct) =>
        {
            string address = parse.GetRequiredValue(removeEmail);
            return await store.RemoveAsync(address, ct)
                ? await Done(console, $"{address} is no longer suppressed")
                : throw new PaperboyException($"{address} is not on the suppression list");
        });

        return new Command("suppression", "The addresses Paperboy never sends to.") { list, add, remove };
    }

    /// <summary>
    /// An address argument, checked and normalised once, as it is parsed: one that is not an address makes the command
    /// line wrong (exit 2), as for `subscribers add`.
    /// </summary>
    private static Argument<string> EmailArgument() => new("EMAIL")
    {
        CustomParser = result =>
        {
            var errors = new List<string>();
            string? address = SubscriptionRules.Email(result.Tokens.Count > 0 ? result.Tokens[0].Value : "", errors);
            if (address is null)
            {
                result.AddError(string.Join("; ", errors));
            }

            return address ?? "";
        },
    };

    private static async Task<int> Done(CliConsole console, string message)
    {
        await console.Out.WriteLineAsync(message);
        return ExitCodes.Success;
    }
}
