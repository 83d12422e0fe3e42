using System.Text;

using MailStreams.Ingress.Svix;

namespace MailStreams.Actors.Tests.Ingress.Svix;

public sealed class SvixVerifierTests
{
    private const string Secret = "whsec_T1yuuscPZAE7nnR/KDLocAhizmY2pr2X";
    private const long Ts = 1767225600;
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"type\":\"email.received\",\"data\":{}}");

    public static IEnumerable<object[]> VectorNames() => SvixVectors.Names();

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Agrees_with_the_official_libraries_on_vector(string name)
    {
        var vector = SvixVectors.Get(name);
        Assert.Equal(vector.Expect, Categorize(vector));
    }

    private static string Categorize(SvixVector vector)
    {
        SvixVerifier verifier;
        try { verifier = new SvixVerifier(vector.Secret, new FixedClock(vector.NowTime)); }
        catch (WebhookSecretException) { return "bad_secret"; }

        return verifier.Verify(vector.Headers, vector.BodyBytes) switch
        {
            SvixVerification.Valid valid when valid.MessageId == vector.MsgId => "valid",
            SvixVerification.Valid valid => $"valid with the wrong id {valid.MessageId}",
            SvixVerification.Failed { Category: SvixFailure.InvalidSignature } => "invalid_signature",
            SvixVerification.Failed { Category: SvixFailure.Expired } => "expired",
            SvixVerification.Failed { Category: SvixFailure.Future } => "future",
            SvixVerification.Failed { Category: SvixFailure.MissingHeader } => "missing_header",
            var other => other.ToString(),
        };
    }

    [Fact]
    public void Returns_the_message_id_and_timestamp_of_a_valid_webhook()
    {
        var verifier = new SvixVerifier(Secret, new FixedClock(DateTimeOffset.FromUnixTimeSeconds(Ts + 5)));
        var result = verifier.Verify(SvixSigner.Headers(Secret, "msg_1", Ts, Body), Body);
        Assert.Equal(new SvixVerification.Valid("msg_1", DateTimeOffset.FromUnixTimeSeconds(Ts)), result);
    }

    [Fact]
    public void Reads_header_names_case_insensitively_and_falls_back_to_webhook_headers()
    {
        var signed = SvixSigner.Headers(Secret, "msg_1", Ts, Body);
        var headers = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Webhook-Id"] = "msg_1", ["WEBHOOK-TIMESTAMP"] = signed["svix-timestamp"], ["webhook-signature"] = signed["svix-signature"],
            ["svix-id"] = "",
        };
        Assert.True(VerifierAt(Ts).Verify(headers, Body).IsValid);
    }

    [Fact]
    public void Prefers_svix_headers_over_webhook_headers()
    {
        var headers = new Dictionary<string, string?>(SvixSigner.Headers(Secret, "msg_1", Ts, Body))
        {
            ["webhook-id"] = "msg_other", ["webhook-signature"] = "v1,AAAA",
        };
        var result = VerifierAt(Ts).Verify(headers, Body);
        Assert.Equal("msg_1", Assert.IsType<SvixVerification.Valid>(result).MessageId);
    }

    [Fact]
    public void Names_every_missing_or_empty_header()
    {
        var headers = new Dictionary<string, string?> { ["svix-id"] = "msg_1", ["svix-timestamp"] = "", ["svix-signature"] = null };
        var failed = Assert.IsType<SvixVerification.Failed>(VerifierAt(Ts).Verify(headers, Body));
        Assert.Equal(SvixFailure.MissingHeader, failed.Category);
        Assert.Contains("svix-timestamp", failed.Message);
        Assert.Contains("svix-signature", failed.Message);
        Assert.DoesNotContain("svix-id ", failed.Message);
    }

    [Theory]
    [InlineData(-300, true)]
    [InlineData(300, true)]
    [InlineData(301, false)]
    [InlineData(-301, false)]
    public void Accepts_a_clock_difference_of_up_to_300_seconds_either_way(long nowMinusTs, bool valid) =>
        Assert.Equal(valid, VerifierAt(Ts + nowMinusTs).Verify(SvixSigner.Headers(Secret, "msg_1", Ts, Body), Body).IsValid);

    [Fact]
    public void Says_how_stale_or_early_a_timestamp_is()
    {
        var headers = SvixSigner.Headers(Secret, "msg_1", Ts, Body);
        var stale = Assert.IsType<SvixVerification.Failed>(VerifierAt(Ts + 301).Verify(headers, Body));
        Assert.Equal(SvixFailure.Expired, stale.Category);
        Assert.Contains("stale by 301 seconds", stale.Message);
        var early = Assert.IsType<SvixVerification.Failed>(VerifierAt(Ts - 400).Verify(headers, Body));
        Assert.Equal(SvixFailure.Future, early.Category);
        Assert.Contains("timestamp 400 seconds in the future", early.Message);
    }

    [Theory]
    [InlineData("+1767225600")]
    [InlineData(" 1767225600")]
    [InlineData("1767225600.0")]
    [InlineData("1.7e9")]
    [InlineData("99999999999999999999999")]
    public void Rejects_a_timestamp_that_is_not_a_plain_integer(string timestamp)
    {
        var headers = new Dictionary<string, string?>(SvixSigner.Headers(Secret, "msg_1", Ts, Body)) { ["svix-timestamp"] = timestamp };
        var failed = Assert.IsType<SvixVerification.Failed>(VerifierAt(Ts).Verify(headers, Body));
        Assert.Equal(SvixFailure.MissingHeader, failed.Category);
        Assert.Contains("svix-timestamp", failed.Message);
    }

    [Fact]
    public void Accepts_the_signature_of_either_secret_during_rotation()
    {
        const string next = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        var verifier = new SvixVerifier([Secret, next], new FixedClock(DateTimeOffset.FromUnixTimeSeconds(Ts)));
        Assert.True(verifier.Verify(SvixSigner.Headers(next, "msg_1", Ts, Body), Body).IsValid);
        Assert.True(verifier.Verify(SvixSigner.Headers(Secret, "msg_1", Ts, Body), Body).IsValid);
        var other = SvixSigner.Headers("whsec_" + Convert.ToBase64String(new byte[24]), "msg_1", Ts, Body);
        Assert.Equal(SvixFailure.InvalidSignature, Assert.IsType<SvixVerification.Failed>(verifier.Verify(other, Body)).Category);
    }

    [Fact]
    public void Accepts_a_bare_base64_secret_without_the_prefix()
    {
        var verifier = new SvixVerifier(Secret["whsec_".Length..], new FixedClock(DateTimeOffset.FromUnixTimeSeconds(Ts)));
        Assert.True(verifier.Verify(SvixSigner.Headers(Secret, "msg_1", Ts, Body), Body).IsValid);
    }

    [Theory]
    [InlineData("V1,")]
    [InlineData("v2,")]
    [InlineData("")]
    public void Never_matches_a_token_with_another_label(string label)
    {
        var token = SvixSigner.Sign(Secret, "msg_1", Ts, Body)["v1,".Length..];
        var headers = new Dictionary<string, string?>(SvixSigner.Headers(Secret, "msg_1", Ts, Body)) { ["svix-signature"] = label + token };
        Assert.Equal(SvixFailure.InvalidSignature, Assert.IsType<SvixVerification.Failed>(VerifierAt(Ts).Verify(headers, Body)).Category);
    }

    [Fact]
    public void Uses_the_injected_clock_at_each_call()
    {
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(Ts));
        var verifier = new SvixVerifier(Secret, clock);
        var headers = SvixSigner.Headers(Secret, "msg_1", Ts, Body);
        Assert.True(verifier.Verify(headers, Body).IsValid);
        clock.Now = clock.Now.AddMinutes(10);
        Assert.False(verifier.Verify(headers, Body).IsValid);
    }

    [Theory]
    [InlineData("whsec_", "empty")]
    [InlineData("", "empty")]
    [InlineData("whsec_abc-def_ghijklmnop", "URL-safe")]
    [InlineData("whsec_abcdefg", "multiple of 4")]
    [InlineData("whsec_c2VjcmV0 c2VjcmV0", "U+0020")]
    public void Refuses_a_secret_that_is_not_standard_base64_with_a_clear_message(string secret, string expected)
    {
        var e = Assert.Throws<WebhookSecretException>(() => new SvixVerifier(secret));
        Assert.Contains(expected, e.Message);
        if (secret.Length > "whsec_".Length) Assert.DoesNotContain(secret["whsec_".Length..], e.Message);
    }

    [Fact]
    public void Refuses_to_be_built_without_any_secret() =>
        Assert.Contains("at least one", Assert.Throws<WebhookSecretException>(() => new SvixVerifier(Array.Empty<string>())).Message);

    private static SvixVerifier VerifierAt(long now) => new(Secret, new FixedClock(DateTimeOffset.FromUnixTimeSeconds(now)));
}
