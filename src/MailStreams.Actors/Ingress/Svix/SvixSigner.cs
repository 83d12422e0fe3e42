using System.Globalization;

namespace MailStreams.Ingress.Svix;

/// <summary>
/// Signs a webhook body as Resend (through Svix) does: the <c>v1,&lt;base64&gt;</c> token and the three headers.
/// For tests, local tooling and the <c>mailstreams webhook sign</c> command. Pure.
/// </summary>
internal static class SvixSigner
{
    /// <summary>The <c>v1,&lt;base64&gt;</c> signature token. Throws <see cref="WebhookSecretException"/> for a bad secret.</summary>
    public static string Sign(string secret, string msgId, long timestamp, ReadOnlySpan<byte> body) =>
        SvixSignature.ExpectedToken(SvixSecret.Decode(secret), msgId, Timestamp(timestamp), body);

    /// <summary>The <c>svix-id</c>, <c>svix-timestamp</c> and <c>svix-signature</c> headers for this body.</summary>
    public static IReadOnlyDictionary<string, string?> Headers(string secret, string msgId, long timestamp, ReadOnlySpan<byte> body) =>
        new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["svix-id"] = msgId,
            ["svix-timestamp"] = Timestamp(timestamp),
            ["svix-signature"] = Sign(secret, msgId, timestamp, body),
        };

    private static string Timestamp(long seconds) => seconds.ToString(CultureInfo.InvariantCulture);
}
