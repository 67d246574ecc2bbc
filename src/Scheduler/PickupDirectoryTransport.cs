using Microsoft.Extensions.Options;
using MimeKit;

namespace Paperboy.Scheduler;

/// <summary>Writes each message as an .eml file, the way a mail server's pickup folder takes them.</summary>
public sealed class PickupDirectoryTransport(IOptions<MailOptions> options, IHostEnvironment environment) : IMailTransport, IMailSession
{
    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken) => Task.FromResult<IMailSession>(this);

    public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        string directory = Path.GetFullPath(options.Value.PickupDirectory, environment.ContentRootPath);
        string name = string.Concat((message.MessageId ?? MimeKit.Utils.MimeUtils.GenerateMessageId()).Split('@')[0].Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
        string path = Path.Combine(directory, name + ".eml");

        // Written beside and renamed, so a reader of the folder never sees half a message.
        string temporary = path + ".tmp";
        try
        {
            // Inside the try: a folder that cannot be made (a file in its place, no permission) is a failure to
            // deliver, retried like any other, not an error that leaves the message claimed and then uncertain.
            Directory.CreateDirectory(directory);
            await using (FileStream stream = File.Create(temporary))
            {
                await message.WriteToAsync(stream, cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
            return path;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DeliveryException(DeliveryFailureKind.Transient, $"cannot write {path}: {ex.Message}", ex);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
