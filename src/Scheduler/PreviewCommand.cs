using System.CommandLine;
using System.Text;
using Paperboy.Hosting;
using Paperboy.Subscribers;
using Paperboy.Templates;

namespace Paperboy.Scheduler;

public static class PreviewCommand
{
    public static Command Create(IServiceProvider services)
    {
        var subscriber = new Option<string>("--subscriber") { Description = "The subscriber's address.", Required = true };
        var output = new Option<string?>("--out") { Description = "Write the HTML to this file instead of standard output." };
        var preview = new Command("preview", "Render a subscriber's next digest without sending or recording anything.") { subscriber, output };
        CliAction.Set(preview, services, async (parse, console, ct) =>
        {
            string email = parse.GetRequiredValue(subscriber);
            if (await services.GetRequiredService<SubscriberStore>().FindByEmailAsync(email, ct) is { Status: not SubscriberStatus.Active } inactive)
            {
                await console.Error.WriteLineAsync(
                    $"note: {inactive.Email} is {SubscriberStore.Text(inactive.Status)}, so nothing is sent to them; this is what their digest would hold");
            }

            RenderedDigest? digest = await services.GetRequiredService<DigestPreviewer>().PreviewAsync(email, ct);
            if (digest is null)
            {
                await console.Error.WriteLineAsync("error: nothing to preview: no new paper above the relevance threshold for this subscriber");
                return ExitCodes.Error;
            }

            if (parse.GetValue(output) is not { Length: > 0 } path)
            {
                await console.Out.WriteLineAsync(digest.Html);
                return ExitCodes.Success;
            }

            string full = Path.GetFullPath(path);
            await File.WriteAllTextAsync(full, digest.Html, ct);
            await console.Out.WriteLineAsync(
                $"wrote {full}: {digest.PaperCount} paper(s), {Encoding.UTF8.GetByteCount(digest.Html) / 1024.0:0.0} KB of HTML");
            return ExitCodes.Success;
        });
        return preview;
    }
}
