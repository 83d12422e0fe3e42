namespace MailStreams.Ingress.Svix;

/// <summary>
/// Verifies Svix / Standard Webhooks signatures over the raw body bytes with one or more endpoint secrets (two during
/// rotation). Built once at startup (a bad secret throws <see cref="WebhookSecretException"/> then); immutable and
/// thread-safe afterwards. Checks, in order: headers present, timestamp within ±300 s, a v1 token matching.
/// </summary>
internal sealed class SvixVerifier
{
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    private readonly IReadOnlyList<byte[]> _keys;
    private readonly TimeProvider _time;
    private readonly long _toleranceSeconds;

    public SvixVerifier(IEnumerable<string> secrets, TimeProvider? time = null, TimeSpan? tolerance = null)
    {
        var list = (secrets ?? throw new WebhookSecretException("no webhook secret given")).ToList();
        if (list.Count == 0) throw new WebhookSecretException("no webhook secret given: at least one is required");
        _keys = list.Select((s, i) => SvixSecret.Decode(s, list.Count == 1 ? "webhook secret" : $"webhook secret #{i + 1}")).ToList();
        _time = time ?? TimeProvider.System;
        _toleranceSeconds = (long)(tolerance ?? DefaultTolerance).TotalSeconds;
    }

    public SvixVerifier(string secret, TimeProvider? time = null) : this([secret], time) { }

    /// <summary>Verifies the request at the injected clock's now.</summary>
    public SvixVerification Verify(IReadOnlyDictionary<string, string?> headers, ReadOnlySpan<byte> body) =>
        Verify(headers, body, _time.GetUtcNow());

    /// <summary>Verifies the request as if the time were <paramref name="now"/>.</summary>
    public SvixVerification Verify(IReadOnlyDictionary<string, string?> headers, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        var read = SvixHeaders.Read(headers);
        if (read.MissingMessage() is { } missing)
            return new SvixVerification.Failed(SvixFailure.MissingHeader, missing);

        if (CheckTimestamp(read.Timestamp!, now) is { } stale) return stale;

        var tokens = SvixSignature.Tokens(read.Signature!);
        foreach (var key in _keys)
            if (SvixSignature.AnyMatches(tokens, SvixSignature.ExpectedToken(key, read.Id!, read.Timestamp!, body)))
                return new SvixVerification.Valid(read.Id!, DateTimeOffset.FromUnixTimeSeconds(SvixSignature.ParseTimestamp(read.Timestamp!)!.Value));

        return new SvixVerification.Failed(SvixFailure.InvalidSignature, "no v1 signature matches");
    }

    /// <summary>Null when the timestamp header is an integer within the tolerance, else the failure.</summary>
    internal SvixVerification.Failed? CheckTimestamp(string timestampHeader, DateTimeOffset now)
    {
        if (SvixSignature.ParseTimestamp(timestampHeader) is not { } seconds || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            return new SvixVerification.Failed(SvixFailure.MissingHeader,
                $"svix-timestamp header is not an integer number of Unix seconds: '{Printable(timestampHeader)}'");

        var nowSeconds = now.ToUnixTimeSeconds();
        if (nowSeconds - seconds > _toleranceSeconds)
            return new SvixVerification.Failed(SvixFailure.Expired,
                $"timestamp is stale by {nowSeconds - seconds} seconds (tolerance {_toleranceSeconds} s)");
        if (seconds - nowSeconds > _toleranceSeconds)
            return new SvixVerification.Failed(SvixFailure.Future,
                $"timestamp {seconds - nowSeconds} seconds in the future (tolerance {_toleranceSeconds} s)");
        return null;
    }

    private static string Printable(string text)
    {
        var shortened = text.Length > 40 ? text[..40] + "…" : text;
        return new string(shortened.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }
}
