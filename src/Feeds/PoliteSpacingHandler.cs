namespace Paperboy.Feeds;

/// <summary>Inside the retry pipeline, so every attempt (retries too) keeps arXiv's spacing.</summary>
public sealed class PoliteSpacingHandler(PoliteSpacing spacing) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using IDisposable? turn = await spacing.WaitTurnAsync(request.RequestUri!, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
