namespace MailStreams.Ingress.Svix;

/// <summary>Why a webhook failed verification; each maps to a 400 answer (specs/webhooks.md §6).</summary>
internal enum SvixFailure
{
    /// <summary>svix-id, svix-timestamp or svix-signature absent or empty, or the timestamp is not an integer.</summary>
    MissingHeader,
    /// <summary>The timestamp is more than the tolerance in the past.</summary>
    Expired,
    /// <summary>The timestamp is more than the tolerance in the future.</summary>
    Future,
    /// <summary>No v1 token matches any configured secret.</summary>
    InvalidSignature,
}

/// <summary>The outcome of <see cref="SvixVerifier.Verify"/>: valid with the message id and timestamp, or failed with a reason.</summary>
internal abstract record SvixVerification
{
    private SvixVerification() { }

    /// <summary>Authentic and fresh; <paramref name="MessageId"/> is the svix-id to de-duplicate on.</summary>
    public sealed record Valid(string MessageId, DateTimeOffset Timestamp) : SvixVerification;

    /// <summary>Rejected: <paramref name="Category"/> for the status and metrics, <paramref name="Message"/> for logs and the body.</summary>
    public sealed record Failed(SvixFailure Category, string Message) : SvixVerification;

    public bool IsValid => this is Valid;
}
