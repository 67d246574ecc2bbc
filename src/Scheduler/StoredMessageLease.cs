using System.Buffers;
using MimeKit;

namespace Paperboy.Scheduler;

/// <summary>A stored message opened into a pooled buffer (<see cref="StoredMessage.Lease"/>); disposing gives the buffer back.</summary>
public sealed class StoredMessageLease : IDisposable
{
    private readonly MimeMessage _message;
    private byte[]? _rented;
    private bool _disposed;

    internal StoredMessageLease(MimeMessage message, byte[]? rented)
    {
        _message = message;
        _rented = rented;
    }

    /// <summary>The message; its body reads the pooled buffer, so it must not be used after <see cref="Dispose"/>.</summary>
    public MimeMessage Message => _disposed ? throw new ObjectDisposedException(nameof(StoredMessageLease)) : _message;

    public void Dispose()
    {
        _disposed = true;
        byte[]? rented = Interlocked.Exchange(ref _rented, null);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
