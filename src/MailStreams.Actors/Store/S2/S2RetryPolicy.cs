using System.Net;

namespace MailStreams.Store.S2;

/// <summary>
/// Which S2 failures are worth another attempt, and how long to wait before it (specs/s2.md §9): exponential
/// backoff from <see cref="S2Settings.BackoffBase"/> capped at <see cref="S2Settings.BackoffCap"/>, plus jitter of up to the same again.
/// Failures that may have applied (408, 500, 503, 504, timeouts) are only retried for idempotent requests.
/// </summary>
internal sealed class S2RetryPolicy(S2Settings settings)
{
    public int MaxAttempts { get; } = Math.Max(1, settings.MaxAttempts);

    /// <summary>True if nothing happened on the server: safe to retry any request.</summary>
    public static bool IsRetryableWithoutSideEffects(HttpStatusCode status, string? code) =>
        (int)status is 429 or 502 || ((int)status == 409 && code == "transaction_conflict")
        || ((int)status == 503 && code == "server_draining");

    /// <summary>True if the request may or may not have applied: retry only what is idempotent.</summary>
    public static bool IsRetryableIfIdempotent(HttpStatusCode status) => (int)status is 408 or 500 or 503 or 504;

    public bool ShouldRetry(int attempt, HttpStatusCode status, string? code, bool idempotent) =>
        attempt < MaxAttempts && (IsRetryableWithoutSideEffects(status, code) || (idempotent && IsRetryableIfIdempotent(status)));

    public TimeSpan Delay(int attempt)
    {
        var exponential = settings.BackoffBase.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1));
        var capped = Math.Min(exponential, settings.BackoffCap.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped + Random.Shared.NextDouble() * capped);
    }
}
