using System.Text.Json;
using MailStreams.Ingress.Resend;
using MailStreams.Mail;

namespace MailStreams.Sending.Resend;

/// <summary>
/// Maps Resend's answers to results (specs/resend.md §5–6): 429, 5xx, 408 and 409 concurrent_idempotent_requests
/// are transient; a daily/monthly quota waits long; other 4xx are permanent. Pure.
/// </summary>
internal static class ResendClassifier
{
    public const int MaxResponseLength = 4000;

    public static SendResult Send(ResendResponse response, TimeSpan quotaRetryDelay) => response switch
    {
        { IsSuccess: true } => SentId(response) is { } id
            ? new SendResult.Sent(id)
            : new SendResult.Permanent(response.Status, $"Resend accepted the email but its answer has no id: {Text(response)}"),
        { Status: 429, ErrorName: "daily_quota_exceeded" or "monthly_quota_exceeded" } => new SendResult.Transient(
            $"Resend {response.ErrorName} (quota reached, not retrying soon): {response.ErrorMessage}",
            Longest(quotaRetryDelay, response.RetryAfter)),
        { Status: 429 } => new SendResult.Transient($"rate limited by Resend: {response.Describe()}", response.RetryAfter ?? response.RateLimitReset),
        { Status: 409, ErrorName: "concurrent_idempotent_requests" } => new SendResult.Transient(
            $"Resend is still processing the same idempotency key: {response.Describe()}", response.RetryAfter),
        _ when IsTransientStatus(response.Status) => new SendResult.Transient($"Resend answered {response.Describe()}", response.RetryAfter),
        _ => new SendResult.Permanent(response.Status, Text(response)),
    };

    public static ResendFetchResult Fetch(ResendResponse response) => response switch
    {
        { IsSuccess: true } => ReceivedEmail(response),
        { Status: 404 } => new ResendFetchResult.NotFound(),
        { Status: 429 } => new ResendFetchResult.Transient($"rate limited by Resend: {response.Describe()}", response.RetryAfter ?? response.RateLimitReset),
        _ when IsTransientStatus(response.Status) => new ResendFetchResult.Transient($"Resend answered {response.Describe()}", response.RetryAfter),
        _ => new ResendFetchResult.Permanent(response.Status, Text(response)),
    };

    private static bool IsTransientStatus(int status) => status is 408 or >= 500;

    private static ResendFetchResult ReceivedEmail(ResendResponse response)
    {
        try
        {
            var email = JsonSerializer.Deserialize<ResendReceivedEmail>(response.Body, MailJson.Options);
            return email is { Id.Length: > 0 }
                ? new ResendFetchResult.Found(email)
                : new ResendFetchResult.Permanent(response.Status, $"received email without an id: {Text(response)}");
        }
        catch (JsonException e)
        {
            return new ResendFetchResult.Permanent(response.Status, $"unreadable received email ({e.Message}): {Text(response)}");
        }
    }

    private static string? SentId(ResendResponse response)
    {
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("id", out var id)
                   && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } text
                ? text
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Text(ResendResponse response) =>
        response.Body.Length == 0 ? $"(empty body, status {response.Status})" : ResendResponse.Shorten(response.Body, MaxResponseLength);

    private static TimeSpan Longest(TimeSpan a, TimeSpan? b) => b is { } other && other > a ? other : a;
}
