using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Paperboy.Templates;

namespace Paperboy.Subscribers.Web;

/// <summary>The subscribe form and the JSON API. Both answer the same whether or not the address is known.</summary>
public static class SubscribeEndpoints
{
    private const string CheckInbox = "If the address can receive mail, a confirmation link is on its way. Nothing is sent until it is confirmed.";

    public static void Map(WebApplication app)
    {
        app.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, PageRenderer renderer, IAntiforgery antiforgery) =>
            Form(context, renderer, antiforgery, new FormValues("", "", "", ""), DigestFrequency.Daily, 7, [], StatusCodes.Status200OK));
        app.MapPost("/subscribe", SubscribeFormAsync).RequireRateLimiting(WebSecurity.SubscribePolicy);
        // The form's own address, opened again from the address bar after sending: the form, not a 404.
        app.MapMethods("/subscribe", [HttpMethods.Get, HttpMethods.Head], () => Results.Redirect("/"));
        app.MapPost("/api/subscriptions", SubscribeJsonAsync).RequireRateLimiting(WebSecurity.SubscribePolicy).DisableAntiforgery();
    }

    private static async Task<IResult> SubscribeFormAsync(
        HttpContext context, PageRenderer renderer, IAntiforgery antiforgery, SubscriptionService subscriptions, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Pages.StaleForm(renderer);
        }

        IFormCollection form = await context.Request.ReadFormAsync(cancellationToken);
        var errors = new List<string>();
        int? hour = Pages.Number(form["hour"], errors, "hour");
        var values = new FormValues(form["email"].ToString(), form["keywords"].ToString(), form["timeZone"].ToString(), form["liked"].ToString());
        NewSubscriber? request = NewSubscriber.Validate(
            values.Email, SubscriptionRules.SplitKeywords(values.Keywords), form["frequency"], values.TimeZone, hour, errors, SubscriptionRules.SplitPapers(values.Liked));
        if (request is null || errors.Count > 0)
        {
            DigestFrequency frequency = Enum.TryParse(form["frequency"], ignoreCase: true, out DigestFrequency f) ? f : DigestFrequency.Daily;
            return Form(context, renderer, antiforgery, values, frequency, hour ?? 7, errors, StatusCodes.Status400BadRequest);
        }

        await subscriptions.RequestAsync(request, cancellationToken);
        return Pages.Message(renderer, StatusCodes.Status200OK, "Check your inbox", CheckInbox);
    }

    private static async Task<IResult> SubscribeJsonAsync(HttpRequest http, SubscriptionService subscriptions, CancellationToken cancellationToken)
    {
        if (!http.HasJsonContentType())
        {
            return Results.Problem(title: "Send JSON", detail: "The body must be application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        SubscriptionRequest? body;
        try
        {
            body = await http.ReadFromJsonAsync<SubscriptionRequest>(cancellationToken);
        }
        catch (JsonException ex)
        {
            (string title, string error) = JsonError(ex);
            return Results.Problem(
                title: title, detail: error, statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["errors"] = new[] { error } });
        }

        var errors = new List<string>();
        NewSubscriber? request = body is null
            ? null
            : NewSubscriber.Validate(body.Email ?? "", body.Keywords, body.Frequency, body.TimeZone, body.Hour, errors, body.Liked);
        if (request is null)
        {
            return Results.Problem(
                title: "The subscription is not valid",
                detail: errors.Count > 0 ? string.Join("; ", errors) : "Send a JSON object with email and keywords.",
                statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["errors"] = errors });
        }

        await subscriptions.RequestAsync(request, cancellationToken);
        return Results.Accepted(value: new { status = "confirmation-pending", message = CheckInbox });
    }

    /// <summary>What was wrong, in the request's own terms (field names and JSON types), not .NET's type names.</summary>
    private static (string Title, string Error) JsonError(JsonException ex)
    {
        const string WrongShape = "The body does not fit a subscription";
        string field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..].Split('[', '.')[0] : "";
        if (!ex.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            return ("The body is not valid JSON", $"the JSON is malformed near line {(ex.LineNumber ?? 0) + 1}, character {(ex.BytePositionInLine ?? 0) + 1}");
        }

        return (WrongShape, field switch
        {
            "" => "the body must be one JSON object, such as {\"email\": \"you@example.com\", \"keywords\": [\"graph neural networks\"]}",
            "keywords" or "liked" => $"{field} must be a list of strings",
            "hour" => "hour must be a whole number from 0 to 23",
            _ => $"{field} must be a string",
        });
    }

    private static IResult Form(
        HttpContext context, PageRenderer renderer, IAntiforgery antiforgery, FormValues values,
        DigestFrequency frequency, int hour, IReadOnlyList<string> errors, int status)
    {
        var view = new SubscribePageView(
            values.Email, values.Keywords, values.TimeZone, Pages.Frequencies(frequency, includePaused: false), Pages.Hours(hour), errors,
            Pages.FormToken(antiforgery, context), WebSecurity.Nonce(context))
        {
            Liked = values.Liked,
        };
        return Pages.Html(renderer.Page(PageRenderer.SubscribePage, view, "Subscribe"), status);
    }

    // The form's free-text fields, shown again as typed when something is wrong.
    private sealed record FormValues(string Email, string Keywords, string TimeZone, string Liked);
}
