using System.Data.Common;
using Dapper;
using Paperboy.Storage;

namespace Paperboy.Papers;

/// <summary>Reads the popularity history (<c>paper_popularity</c>, a row whenever a fetch saw a change) for trending.</summary>
public sealed class PopularityHistory(ConnectionFactory connections)
{
    /// <summary>Velocity is not measured over less than this, so two observations minutes apart cannot make a huge rate.</summary>
    private static readonly TimeSpan MinimumSpan = TimeSpan.FromHours(1);

    /// <summary>
    /// Upvotes gained per day, for each paper observed at least twice: from its last observation before
    /// <paramref name="since"/> (what it had when the window opened; rows are written only on change) or else
    /// its first one after, to its latest one up to <paramref name="until"/>, divided by the days between them
    /// (at least an hour). A paper seen once, or never re-fetched, has none.
    /// </summary>
    public async Task<Dictionary<long, double>> UpvotesPerDayAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        IEnumerable<(long PaperId, string ObservedAt, long Upvotes)> rows = await connection.QueryAsync<(long, string, long)>(new CommandDefinition(
            """
            SELECT h.paper_id, h.observed_at, h.upvotes
            FROM paper_popularity h
            WHERE h.upvotes IS NOT NULL AND h.observed_at <= @Until
              AND h.paper_id IN (SELECT paper_id FROM paper_popularity WHERE observed_at >= @Since AND upvotes IS NOT NULL)
              AND h.observed_at >= COALESCE(
                    (SELECT MAX(b.observed_at) FROM paper_popularity b
                     WHERE b.paper_id = h.paper_id AND b.observed_at < @Since AND b.upvotes IS NOT NULL),
                    @Since)
            ORDER BY h.paper_id, h.observed_at
            """,
            new { Since = UtcText.From(since), Until = UtcText.From(until) },
            cancellationToken: cancellationToken));
        var velocity = new Dictionary<long, double>();
        foreach (IGrouping<long, (long PaperId, string ObservedAt, long Upvotes)> paper in rows.GroupBy(r => r.PaperId))
        {
            (long _, string firstAt, long first) = paper.First();
            (long _, string lastAt, long last) = paper.Last();
            if (firstAt == lastAt)
            {
                continue;
            }

            TimeSpan span = UtcText.Parse(lastAt) - UtcText.Parse(firstAt);
            velocity[paper.Key] = (last - first) / Math.Max(span.TotalDays, MinimumSpan.TotalDays);
        }

        return velocity;
    }
}
