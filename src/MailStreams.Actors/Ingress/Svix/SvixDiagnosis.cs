namespace MailStreams.Ingress.Svix;

/// <summary>
/// Explains exactly why a captured webhook does (not) verify: bad secret, missing header, clock skew, only unknown
/// signature versions, or a mismatch with a best guess (a common change of the body, else wrong secret). Pure.
/// </summary>
internal static class SvixDiagnosis
{
    public static SvixDiagnosisResult Diagnose(string secret, IReadOnlyDictionary<string, string?> headers, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        SvixVerifier verifier;
        byte[] key;
        try
        {
            key = SvixSecret.Decode(secret);
            verifier = new SvixVerifier(secret);
        }
        catch (WebhookSecretException e)
        {
            return new(SvixDiagnosisKind.BadSecret, e.Message);
        }

        var read = SvixHeaders.Read(headers);
        if (read.MissingMessage() is { } missing) return new(SvixDiagnosisKind.MissingHeader, missing);
        var (id, timestamp) = (read.Id!, read.Timestamp!);

        var tokens = SvixSignature.Tokens(read.Signature!);
        var signatureMatches = SvixSignature.AnyMatches(tokens, SvixSignature.ExpectedToken(key, id, timestamp, body));

        if (verifier.CheckTimestamp(timestamp, now) is { } clock)
        {
            var kind = clock.Category switch
            {
                SvixFailure.Expired => SvixDiagnosisKind.Expired,
                SvixFailure.Future => SvixDiagnosisKind.Future,
                _ => SvixDiagnosisKind.InvalidTimestamp,
            };
            var signature = signatureMatches ? "the signature itself matches" : "the signature does not match either";
            return new(kind, $"{clock.Message}; {signature}");
        }

        var versioned = tokens.Where(t => SvixSignature.Label(t) == SvixSignature.Version).ToList();
        if (versioned.Count == 0)
        {
            if (tokens.Length == 0) return new(SvixDiagnosisKind.UnknownSignatureVersion, "svix-signature holds no signature tokens");
            var labels = tokens.Select(t => SvixSignature.Label(t) ?? "(no version label)").Distinct();
            return new(SvixDiagnosisKind.UnknownSignatureVersion,
                $"no v1 signature: only unknown signature versions {string.Join(", ", labels)} (only v1, HMAC-SHA256, is checked)");
        }

        if (signatureMatches)
            return new(SvixDiagnosisKind.Valid, $"v1 signature matches and the timestamp is within {(long)SvixVerifier.DefaultTolerance.TotalSeconds} s");

        foreach (var (change, variant) in SvixBodyVariants.Of(body.ToArray()))
            if (SvixSignature.AnyMatches(versioned, SvixSignature.ExpectedToken(key, id, timestamp, variant)))
                return new(SvixDiagnosisKind.BodyChanged,
                    $"signature mismatch: body changed; the signature matches this body with {change}");

        return new(SvixDiagnosisKind.WrongSecretOrBodyChanged,
            "signature mismatch: the secret is wrong, the svix-id or svix-timestamp is not the one signed, or the body changed (no common change of the body matches)");
    }
}
