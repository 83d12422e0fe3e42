namespace MailStreams.Ingress.Resend;

/// <summary>The outcome of <see cref="ResendWebhookParser.Parse"/>: a usable envelope, or why the body is unusable (a 400).</summary>
internal abstract record ResendWebhookParseResult
{
    private ResendWebhookParseResult() { }

    /// <summary>A well-formed envelope; <paramref name="EmailReceived"/> is set for <c>email.received</c> only.</summary>
    public sealed record Parsed(ResendWebhookEnvelope Envelope, ResendEmailReceivedData? EmailReceived) : ResendWebhookParseResult;

    /// <summary>The body cannot be used; <paramref name="Error"/> names the field, e.g. "data.email_id is required".</summary>
    public sealed record Invalid(string Error) : ResendWebhookParseResult;
}
