using MailStreams.Diagnostics;
using MailStreams.Ingress.Resend;
using MailStreams.Ingress.Svix;
using MailStreams.Store;

namespace MailStreams.Ingress;

/// <summary>
/// Accepts a Resend webhook delivery: verifies the Svix signature over the raw body bytes before anything else,
/// validates the event, and appends it durably — <c>email.received</c> to <c>ingress/resend</c> (where the content
/// fetch picks it up), every other event type to <c>events/resend</c> — before answering 2xx. A delivery whose
/// svix-id was already accepted is acknowledged without a second record, also across restarts and when two copies
/// arrive at once.
/// </summary>
internal sealed class ResendWebhookIngress(SvixVerifier verifier, IStreamStore store, DedupeIndex index)
{
    private readonly KeyedLock _locks = new();

    public async Task<WebhookOutcome> AcceptAsync(IReadOnlyDictionary<string, string?> headers, byte[] body, CancellationToken ct = default)
    {
        var verification = verifier.Verify(headers, body);
        if (verification is SvixVerification.Failed failed)
        {
            MailMetrics.WebhookVerificationFailures.Add(1);
            return WebhookOutcome.Unauthorized(failed.Message);
        }
        using var trace = MailTrace.Start("mail.webhook");
        var messageId = ((SvixVerification.Valid)verification).MessageId;

        var result = ResendWebhookParser.Parse(body);
        if (result is ResendWebhookParseResult.Invalid invalid) return WebhookOutcome.BadRequest(invalid.Error);
        var parsed = (ResendWebhookParseResult.Parsed)result;
        var type = parsed.Envelope.Type!;

        var key = "svix|" + messageId;
        using var _ = await _locks.AcquireAsync(key, ct);
        if (index.Contains(key)) return WebhookOutcome.Accepted("duplicate delivery, already accepted");

        var isMail = parsed.EmailReceived is not null;
        var headersOut = new List<(string, string)> { ("svix-id", messageId), ("event-type", type) };
        if (parsed.EmailReceived?.EmailId is { } emailId) headersOut.Add(("email-id", emailId));
        var record = AppendRecord.Json(isMail ? "resend.email-received" : "resend.event", body, headersOut.ToArray());
        await store.AppendAsync(isMail ? StreamNames.ResendIngress : StreamNames.ResendEvents, [MailTrace.Stamp(record)], ct: ct);
        index.Add(key);
        return WebhookOutcome.Accepted(isMail ? "accepted" : $"recorded {type}");
    }
}

/// <summary>The HTTP answer to a webhook delivery.</summary>
public sealed record WebhookOutcome(int StatusCode, string Message)
{
    public static WebhookOutcome Accepted(string message) => new(200, message);
    public static WebhookOutcome Unauthorized(string message) => new(401, message);
    public static WebhookOutcome BadRequest(string message) => new(400, message);
}
