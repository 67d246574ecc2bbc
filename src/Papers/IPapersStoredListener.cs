namespace Paperboy.Papers;

/// <summary>
/// Told after each successful store which papers are new or have new text, so that (for example) an index can
/// embed them once and the instant-alert check can run. Register any number with
/// <c>services.AddSingleton&lt;IPapersStoredListener, T&gt;()</c>; with none registered nothing happens.
/// A listener's failure is logged and never undoes or fails the ingest.
/// </summary>
public interface IPapersStoredListener
{
    Task OnStoredAsync(IReadOnlyList<long> newOrChangedPaperIds, CancellationToken cancellationToken);
}
