using System.Globalization;
using nietras.SeparatedValues;
using Paperboy.Hosting;

namespace Paperboy.Subscribers;

/// <summary>
/// Reads a CSV of subscribers (migrations from other tools, load tests) and stores the valid rows in
/// batches, one transaction each. Only rows whose <c>consented</c> is true are active; the rest are pending
/// and get no digest. No confirmation mail is sent from here.
/// </summary>
public sealed class SubscriberImporter(SubscriberStore store, SuppressionStore suppressions, TimeProvider time)
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
            // The header is read as a row, not by Sep, which throws on a repeated column name.
            using SepReader reader = Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = true, Trim = SepTrim.Outer, DisableColCountCheck = true }).From(stream);
            string[] header = ReadHeader(reader);
            int[] columns = ColumnIndexes(header, path);
            HashSet<string> suppressed = await suppressions.HashesAsync(cancellationToken);
            var batch = new List<ImportRow>(BatchSize);
            var notes = new List<Note>();
            int active = 0, pending = 0, invalid = 0, duplicates = 0;
            DateTimeOffset lastProgress = time.GetUtcNow();
            bool more = true;
            while (more)
            {
                batch.Clear();
                notes.Clear();
                more = ReadBatch(reader, columns, header.Length, batch, notes, ref invalid);
                IReadOnlyList<ImportRow> skipped = await store.AddManyAsync(batch, cancellationToken);
                foreach (ImportRow row in skipped)
                {
                    notes.Add(new Note(row.Line, $"skipped: {row.Subscriber.Email} is already subscribed (left unchanged)"));
                }

                await WarnSuppressedAsync(batch, skipped, suppressed, notes, cancellationToken);

                // A batch is a run of consecutive lines, so sorting each keeps the whole report in line order.
                foreach (Note note in notes.OrderBy(n => n.Line))
                {
                    await error.WriteLineAsync($"{path}:{note.Line}: {note.Text}");
                }

                duplicates += skipped.Count;
                active += batch.Count(r => r.Status == SubscriberStatus.Active) - skipped.Count(r => r.Status == SubscriberStatus.Active);
                pending += batch.Count(r => r.Status == SubscriberStatus.Pending) - skipped.Count(r => r.Status == SubscriberStatus.Pending);
                if (time.GetUtcNow() - lastProgress >= ProgressEvery)
                {
                    lastProgress = time.GetUtcNow();
                    double percent = stream.Length > 0 ? 100.0 * stream.Position / stream.Length : 100;
                    await error.WriteLineAsync(string.Create(
                        CultureInfo.InvariantCulture, $"{path}: {percent:0}% read, {active + pending:N0} subscribers stored, {invalid + duplicates:N0} rows skipped"));
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

    // The imported subscriber is stored as asked, but the send path skips a suppressed address without a word.
    private async Task WarnSuppressedAsync(
        List<ImportRow> batch, IReadOnlyList<ImportRow> skipped, HashSet<string> suppressed, List<Note> notes, CancellationToken cancellationToken)
    {
        if (suppressed.Count == 0)
        {
            return;
        }

        var notStored = new HashSet<ImportRow>(skipped, ReferenceEqualityComparer.Instance);
        foreach (ImportRow row in batch.Where(r => !notStored.Contains(r) && suppressed.Contains(SubscriberStore.EmailHash(r.Subscriber.Email))))
        {
            if (await suppressions.FindAsync(row.Subscriber.Email, cancellationToken) is { } suppression)
            {
                notes.Add(new Note(row.Line, $"warning: {suppression.Warning(row.Subscriber.Email)}"));
            }
        }
    }

    private static string[] ReadHeader(SepReader reader)
    {
        if (!reader.MoveNext())
        {
            return [""];
        }

        SepReader.Row row = reader.Current;
        string[] names = new string[row.ColCount];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = row[i].ToString();
        }

        return names;
    }

    private static int[] ColumnIndexes(string[] header, string path)
    {
        string[] names = [.. header.Select(n => n.Trim().ToLowerInvariant())];
        string[] missing = [.. Columns.Where(c => !names.Contains(c))];
        string[] unknown = [.. names.Where(n => !Columns.Contains(n))];
        string[] repeated = [.. names.Where(Columns.Contains).GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key)];
        if (missing.Length > 0 || unknown.Length > 0 || repeated.Length > 0)
        {
            string found = names.All(n => n.Length == 0) ? "an empty header line" : $"'{string.Join(",", header)}'";
            throw new PaperboyException(
                $"{path}: the header must be '{string.Join(",", Columns)}' (any order), found {found}" +
                (missing.Length > 0 ? $"; missing: {string.Join(", ", missing)}" : "") +
                (unknown.Length > 0 ? $"; unknown: {string.Join(", ", unknown)}" : "") +
                (repeated.Length > 0 ? $"; more than once: {string.Join(", ", repeated)}" : ""));
        }

        return [.. Columns.Select(c => Array.IndexOf(names, c))];
    }

    /// <summary>Reads up to <see cref="BatchSize"/> rows; false when the file has ended. (Sync: Sep's rows are ref structs.)</summary>
    private static bool ReadBatch(SepReader reader, int[] columns, int fieldCount, List<ImportRow> batch, List<Note> notes, ref int invalid)
    {
        while (batch.Count + notes.Count < BatchSize)
        {
            if (!reader.MoveNext())
            {
                return false;
            }

            SepReader.Row row = reader.Current;
            int line = row.LineNumberFrom;

            // Read before any field: unescaping a field rewrites the row's text.
            if (QuoteProblem(row, line, fieldCount, ref invalid) is { } quoteProblem)
            {
                notes.Add(new Note(line, quoteProblem));
                continue;
            }

            if (row.ColCount == 1 && row[0].Span.IsWhiteSpace())
            {
                continue;
            }

            if (row.ColCount != fieldCount)
            {
                invalid++;
                notes.Add(new Note(line, $"skipped: {row.ColCount} fields, the header has {fieldCount}"));
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
                invalid++;
                notes.Add(new Note(line, $"skipped: {string.Join("; ", errors)}"));
                continue;
            }

            batch.Add(new ImportRow(line, subscriber, consented ? SubscriberStatus.Active : SubscriberStatus.Pending));
        }

        return true;
    }

    /// <summary>
    /// A quote that is never closed makes the rest of the file one field, and one closed lines later makes the
    /// rows between one row: both would lose rows without a word. A row over several lines whose later lines look
    /// like rows (as many commas as the header) is taken for such a mistake, and those lines are counted as
    /// skipped rows; any other line break in a field is left to the field's own check (a keyword's names it).
    /// </summary>
    private static string? QuoteProblem(SepReader.Row row, int line, int fieldCount, ref int invalid)
    {
        ReadOnlySpan<char> text = row.Span;
        bool open = text.Count('"') % 2 == 1;
        if (!open && row.LineNumberToExcl - line <= 1)
        {
            return null;
        }

        string[] lines = text.ToString().TrimEnd('\r', '\n').Split('\n');
        string range = lines.Length == 1 ? $"line {line}" : $"lines {line}-{line + lines.Length - 1}";
        if (open)
        {
            invalid += Math.Max(1, lines.Count(l => !string.IsNullOrWhiteSpace(l)));
            return $"a quote opened here is never closed; the rest of the file ({range}) was not imported";
        }

        int swallowed = lines.Skip(1).Count(l => l.Count(c => c == ',') >= fieldCount - 1);
        if (swallowed == 0)
        {
            return null;
        }

        invalid += 1 + swallowed;
        return $"skipped {range}: a quoted field runs over them, so they were read as one row (is a quote not closed where it should be?)";
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

    // One line of the report: a skipped row or a warning, written in line order.
    private sealed record Note(long Line, string Text);
}
