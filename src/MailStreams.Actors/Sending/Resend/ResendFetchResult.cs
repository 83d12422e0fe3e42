using MailStreams.Ingress.Resend;

namespace MailStreams.Sending.Resend;

/// <summary>How fetching a received email ended. Like <see cref="SendResult"/>, provider answers are classified, not thrown.</summary>
internal abstract record ResendFetchResult
{
    private ResendFetchResult() { }

    public sealed record Found(ResendReceivedEmail Email) : ResendFetchResult;

    /// <summary>404: Resend does not know the id (yet, or any more).</summary>
    public sealed record NotFound : ResendFetchResult;

    /// <summary>Try again later: 429, 5xx, timeout or network error; <paramref name="RetryAfter"/> when the provider said.</summary>
    public sealed record Transient(string Reason, TimeSpan? RetryAfter = null) : ResendFetchResult;

    /// <summary>Will not succeed as it is (401/403/other 4xx, an unreadable answer); the response text for the dead letter.</summary>
    public sealed record Permanent(int StatusCode, string Response) : ResendFetchResult;
}
