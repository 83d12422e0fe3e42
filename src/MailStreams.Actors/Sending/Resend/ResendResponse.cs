using System.Net.Http.Headers;
using System.Text.Json;

namespace MailStreams.Sending.Resend;

/// <summary>
/// One HTTP answer from Resend as the client needs it: status, body text, the error <c>name</c>/<c>message</c> of
/// the documented error body <c>{"statusCode","name","message"}</c> when there is one, <c>retry-after</c> and
/// <c>ratelimit-reset</c> (seconds until the rate-limit window resets).
/// </summary>
internal sealed record ResendResponse(
    int Status, string Body, string? ErrorName, string? ErrorMessage, TimeSpan? RetryAfter, TimeSpan? RateLimitReset)
{
    public static ResendResponse From(int status, string body, HttpResponseHeaders headers, DateTimeOffset now)
    {
        var (name, message) = ParseError(body);
        return new ResendResponse(status, body, name, message, RetryAfterOf(headers, now), RateLimitResetOf(headers));
    }

    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>"429 rate_limit_exceeded: Too many requests." or the status with the (shortened) body.</summary>
    public string Describe() =>
        ErrorName is null ? $"{Status} {Shorten(Body, 200)}".TrimEnd() : $"{Status} {ErrorName}: {ErrorMessage}";

    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    private static (string? Name, string? Message) ParseError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, null);
            return (StringOf(root, "name"), StringOf(root, "message"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? StringOf(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary><c>retry-after</c> as seconds or as an HTTP date, or null.</summary>
    private static TimeSpan? RetryAfterOf(HttpResponseHeaders headers, DateTimeOffset now) => headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    private static TimeSpan? RateLimitResetOf(HttpResponseHeaders headers) =>
        headers.TryGetValues("ratelimit-reset", out var values)
        && int.TryParse(values.FirstOrDefault(), System.Globalization.NumberStyles.None, null, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
