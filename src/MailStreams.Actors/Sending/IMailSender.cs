using MailStreams.Mail;

namespace MailStreams.Sending;

/// <summary>Sends one reply. Implementations never throw for provider answers: they classify them.</summary>
public interface IMailSender
{
    Task<SendResult> SendAsync(OutboundEmail email, string idempotencyKey, CancellationToken ct = default);
}

/// <summary>How a send ended: sent, retry later (rate limit / transient), or rejected for good.</summary>
public abstract record SendResult
{
    private SendResult() { }

    /// <summary>Accepted by the provider (or written); <paramref name="ProviderId"/> is its id.</summary>
    public sealed record Sent(string ProviderId) : SendResult;

    /// <summary>Try again: 429 (with <paramref name="RetryAfter"/> when the provider said), 5xx, timeout, network error, 409 concurrent.</summary>
    public sealed record Transient(string Reason, TimeSpan? RetryAfter = null) : SendResult;

    /// <summary>Will never succeed as it is (validation errors, other 4xx): goes to dead/outbox with the response.</summary>
    public sealed record Permanent(int StatusCode, string Response) : SendResult;
}
