using System.Diagnostics;
using System.Globalization;
using nietras.SeparatedValues;
using Paperboy.Hosting;

namespace Paperboy.Subscribers;

/// <summary>
/// Reads a CSV of subscribers (migrations from other tools, load tests) and stores the valid rows in
/// batches, one transaction each. Only rows whose <c>consented</c> is true are active; the rest are pending
/// and get no digest. No confirmation mail is sent from here.
/// </summary>
public sealed class SubscriberImporter(SubscriberStore store)
{
    public const int BatchSize = 1000;
    public static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(2);
    private static readonly string[] Columns = ["email", "keywords", "frequency", "timezone", "hour", "consented"];

    public async Task<ImportReport> ImportAsync(string path, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        FileStream stream = Open(path);
        await using (stream)
        {
            using SepReader reader = Sep.New(',').Reader(o => o with { Unescape = true, Trim = SepTrim.Outer, DisableColCountCheck = true }).From(stream);
            int[] columns = ColumnIndexes(reader.Header, path);
            var batch = new List<ImportRow>(BatchSize);
            var problems = new List<string>();
            int active = 0, pending = 0, invalid = 0, duplicates = 0;
            long lastProgress = Stopwatch.GetTimestamp();
            bool more = true;
            while (more)
            {
                batch.Clear();
                problems.Clear();
                more = ReadBatch(reader, columns, batch, problems);
                invalid += problems.Count;
                foreach (string problem in problems)
                {
                    await error.WriteLineAsync($"{path}:{problem}");
                }

                IReadOnlyList<ImportRow> skipped = await store.AddManyAsync(batch, cancellationToken);
                foreach (ImportRow row in skipped)
                {
                    await error.WriteLineAsync($"{path}:{row.Line}: skipped: {row.Subscriber.Email} is already subscribed (left unchanged)");
                }

                duplicates += skipped.Count;
                active += batch.Count(r => r.Status == SubscriberStatus.Active) - skipped.Count(r => r.Status == SubscriberStatus.Active);
                pending += batch.Count(r => r.Status == SubscriberStatus.Pending) - skipped.Count(r => r.Status == SubscriberStatus.Pending);
                if (Stopwatch.GetElapsedTime(lastProgress) >= ProgressEvery)
                {
                    lastProgress = Stopwatch.GetTimestamp();
                    double percent = stream.Length > 0 ? 100.0 * stream.Position / stream.Length : 100;
                    await error.WriteLineAsync(string.Create(
                        CultureInfo.InvariantCulture, $"{Path.GetFileName(path)}: {percent:0}% read, {active + pending:N0} subscribers stored, {invalid + duplicates:N0} rows skipped"));
                }
            }

            return new ImportReport(active, pending, invalid, duplicates);
        }
    }

    private static FileStream Open(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new PaperboyException($"cannot read {path}: {ex.Message}", ex);
        }
    }

    private static int[] ColumnIndexes(SepReaderHeader header, string path)
    {
        string[] names = [.. header.ColNames.Select(n => n.Trim().ToLowerInvariant())];
        string[] missing = [.. Columns.Where(c => !names.Contains(c))];
        string[] unknown = [.. names.Where(n => !Columns.Contains(n))];
        if (missing.Length > 0 || unknown.Length > 0)
        {
            string found = names.All(n => n.Length == 0) ? "an empty header line" : $"'{string.Join(",", header.ColNames)}'";
            throw new PaperboyException(
                $"{path}: the header must be '{string.Join(",", Columns)}' (any order), found {found}" +
                (missing.Length > 0 ? $"; missing: {string.Join(", ", missing)}" : "") +
                (unknown.Length > 0 ? $"; unknown: {string.Join(", ", unknown)}" : ""));
        }

        return [.. Columns.Select(c => Array.IndexOf(names, c))];
    }

    /// <summary>Reads up to <see cref="BatchSize"/> rows; false when the file has ended. (Sync: Sep's rows are ref structs.)</summary>
    private static bool ReadBatch(SepReader reader, int[] columns, List<ImportRow> batch, List<string> problems)
    {
        while (batch.Count + problems.Count < BatchSize)
        {
            if (!reader.MoveNext())
            {
                return false;
            }

            SepReader.Row row = reader.Current;
            int line = row.LineNumberFrom;
            if (row.ColCount == 1 && row[0].Span.IsWhiteSpace())
            {
                continue;
            }

            if (row.ColCount != reader.Header.ColNames.Count)
            {
                problems.Add($"{line}: skipped: {row.ColCount} fields, the header has {reader.Header.ColNames.Count}");
                continue;
            }

            var errors = new List<string>();
            string[] keywords = row[columns[1]].ToString().Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            string frequency = row[columns[2]].ToString();
            string timeZone = row[columns[3]].ToString();
            int? hour = Hour(row[columns[4]].ToString(), errors);
            bool consented = Consented(row[columns[5]].ToString(), errors);
            NewSubscriber? subscriber = NewSubscriber.Validate(
                row[columns[0]].ToString(), keywords, frequency.Length == 0 ? null : frequency, timeZone, hour, errors);
            if (subscriber is null || errors.Count > 0)
            {
                problems.Add($"{line}: skipped: {string.Join("; ", errors)}");
                continue;
            }

            batch.Add(new ImportRow(line, subscriber, consented ? SubscriberStatus.Active : SubscriberStatus.Pending));
        }

        return true;
    }

    private static int? Hour(string text, List<string> errors)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int hour))
        {
            return hour;
        }

        errors.Add($"hour '{text}' is not a whole number");
        return null;
    }

    private static bool Consented(string text, List<string> errors)
    {
        switch (text.ToLowerInvariant())
        {
            case "true" or "yes" or "1":
                return true;
            case "false" or "no" or "0" or "":
                return false;
            default:
                errors.Add($"consented '{text}' is not true or false");
                return false;
        }
    }
}
