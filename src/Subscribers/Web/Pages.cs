using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Paperboy.Templates;

namespace Paperboy.Subscribers.Web;

/// <summary>Small helpers the page endpoints share.</summary>
public static class Pages
{
    public static IResult Html(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);

    public static IResult Message(PageRenderer renderer, int status, string heading, params string[] paragraphs) =>
        Html(renderer.Page(PageRenderer.ActionPage, new ActionPageView(heading, paragraphs), heading), status);

    /// <summary>A message with one plain link after it (never a button: the link only leads somewhere).</summary>
    public static IResult Message(PageRenderer renderer, int status, string heading, (string Url, string Label) link, params string[] paragraphs) =>
        Html(renderer.Page(PageRenderer.ActionPage, new ActionPageView(heading, paragraphs) { LinkUrl = link.Url, LinkLabel = link.Label }, heading), status);

    /// <summary>The same answer for a forged, truncated, foreign or dead link: nothing about why.</summary>
    public static IResult InvalidLink(PageRenderer renderer) =>
        Message(renderer, StatusCodes.Status404NotFound, "This link does not work", "It may be incomplete, or it belongs to a subscription that no longer exists. Links in your most recent email always work.");

    public static IResult StaleForm(PageRenderer renderer) =>
        Message(renderer, StatusCodes.Status400BadRequest, "Please try again", "This form was open too long or came from another page. Go back, reload the page and send it again.");

    public static FormToken FormToken(IAntiforgery antiforgery, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(antiforgery);
        AntiforgeryTokenSet tokens = antiforgery.GetAndStoreTokens(context);
        return new FormToken(tokens.FormFieldName, tokens.RequestToken ?? "");
    }

    public static IReadOnlyList<SelectOption> Frequencies(DigestFrequency selected, bool includePaused) =>
    [
        new("daily", "Every day", selected == DigestFrequency.Daily),
        new("weekly", "Once a week", selected == DigestFrequency.Weekly),
        new("instant", "As soon as a great match appears (the rest daily)", selected == DigestFrequency.Instant),
        .. includePaused ? [new SelectOption("paused", "Paused (send nothing for now)", selected == DigestFrequency.Paused)] : Array.Empty<SelectOption>(),
    ];

    /// <summary>Monday first, as ISO weeks (and the weekly digest's period key) count them.</summary>
    public static IReadOnlyList<SelectOption> Weekdays(DayOfWeek selected) =>
        [.. Enumerable.Range(1, 7).Select(i => (DayOfWeek)(i % 7)).Select(d => new SelectOption(SubscriberStore.Text(d), d.ToString(), d == selected))];

    public static IReadOnlyList<SelectOption> Hours(int selected) =>
        [.. Enumerable.Range(0, 24).Select(h => new SelectOption(h.ToString(CultureInfo.InvariantCulture), $"{h:00}:00", h == selected))];

    /// <summary>Null for an empty field; the text itself when it is not a number, so validation can name it.</summary>
    public static int? Number(string? text, List<string> errors, string field)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            return value;
        }

        errors.Add($"{field} '{text}' is not a whole number");
        return null;
    }
}
