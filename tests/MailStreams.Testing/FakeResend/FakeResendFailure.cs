namespace MailStreams.Testing.FakeResend;

/// <summary>Which kind of request a failure is injected into.</summary>
internal enum FakeResendEndpoint
{
    /// <summary><c>GET /emails/receiving/{id}</c></summary>
    Receiving,
    /// <summary><c>POST /emails</c></summary>
    Send,
}

/// <summary>An answer <see cref="FakeResendServer"/> gives instead of the normal one (after the auth check).</summary>
internal abstract record FakeResendFailure
{
    private FakeResendFailure() { }

    /// <summary>404 <c>not_found</c>.</summary>
    public sealed record NotFound : FakeResendFailure;

    /// <summary>500 <c>internal_server_error</c>.</summary>
    public sealed record ServerError : FakeResendFailure;

    /// <summary>No answer: the request is held until the client gives up or the server stops, then the connection is aborted.</summary>
    public sealed record Hang : FakeResendFailure;

    /// <summary>429 <c>rate_limit_exceeded</c> with <c>retry-after: N</c>.</summary>
    public sealed record RateLimited(int RetryAfterSeconds) : FakeResendFailure;

    /// <summary>Any documented error: e.g. 429 <c>daily_quota_exceeded</c> or 409 <c>concurrent_idempotent_requests</c>.</summary>
    public sealed record Error(int Status, string Name, string Message, int? RetryAfterSeconds = null) : FakeResendFailure;
}
