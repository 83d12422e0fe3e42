using System.Text;

using MailStreams.Ingress.Svix;

namespace MailStreams.Actors.Tests.Ingress.Svix;

public sealed class SvixDiagnosisTests
{
    private const string Secret = "whsec_T1yuuscPZAE7nnR/KDLocAhizmY2pr2X";
    private const long Ts = 1767225600;
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(Ts + 3);
    private const string Compact = "{\"type\":\"email.received\",\"data\":{\"email_id\":\"e1\",\"to\":[\"a@example.com\"],\"subject\":\"Zoë\"}}";

    [Fact]
    public void Says_valid_when_everything_matches()
    {
        var result = Diagnose(SignedHeaders(Compact), Compact);
        Assert.Equal(SvixDiagnosisKind.Valid, result.Kind);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Lists_the_unknown_signature_versions_when_there_is_no_v1()
    {
        var headers = WithSignature(SignedHeaders(Compact), "v1a,AAAA v2,BBBB v2,CCCC");
        var result = Diagnose(headers, Compact);
        Assert.Equal(SvixDiagnosisKind.UnknownSignatureVersion, result.Kind);
        Assert.Contains("v1a, v2 ", result.Message);
    }

    [Fact]
    public void Names_the_missing_header()
    {
        var headers = new Dictionary<string, string?>(SignedHeaders(Compact));
        headers.Remove("svix-id");
        var result = Diagnose(headers, Compact);
        Assert.Equal(SvixDiagnosisKind.MissingHeader, result.Kind);
        Assert.Contains("svix-id", result.Message);
    }

    [Fact]
    public void Says_how_stale_the_timestamp_is_and_whether_the_signature_matches()
    {
        var result = SvixDiagnosis.Diagnose(Secret, SignedHeaders(Compact), Encoding.UTF8.GetBytes(Compact), Now.AddSeconds(600));
        Assert.Equal(SvixDiagnosisKind.Expired, result.Kind);
        Assert.Contains("stale by 603 seconds", result.Message);
        Assert.Contains("signature itself matches", result.Message);
    }

    [Fact]
    public void Says_how_far_in_the_future_the_timestamp_is()
    {
        var result = SvixDiagnosis.Diagnose(Secret, SignedHeaders(Compact), Encoding.UTF8.GetBytes(Compact), Now.AddSeconds(-1000));
        Assert.Equal(SvixDiagnosisKind.Future, result.Kind);
        Assert.Contains("timestamp 997 seconds in the future", result.Message);
    }

    [Theory]
    [InlineData("{\"a\":1}", "{\"a\":1}\n", "trailing newline removed")]
    [InlineData("{\"a\":1}\n", "{\"a\":1}", "trailing newline added")]
    [InlineData("{\"a\":\n1}\n", "{\"a\":\r\n1}\r\n", "CRLF line endings turned into LF")]
    [InlineData("{\"a\":\r\n1}", "{\"a\":\n1}", "LF line endings turned into CRLF")]
    [InlineData(Compact, "{\n  \"type\": \"email.received\",\n  \"data\": {\"email_id\": \"e1\", \"to\": [\"a@example.com\"], \"subject\": \"Zoë\"}\n}\n", "compact")]
    [InlineData("{\n  \"a\": [\n    1,\n    2\n  ]\n}", "{\"a\":[1,2]}", "pretty-printed (2-space indent)")]
    public void Guesses_that_the_body_changed_when_a_common_change_matches(string signedBody, string receivedBody, string change)
    {
        var result = Diagnose(SignedHeaders(signedBody), receivedBody);
        Assert.Equal(SvixDiagnosisKind.BodyChanged, result.Kind);
        Assert.Contains("body changed", result.Message);
        Assert.Contains(change, result.Message);
    }

    [Fact]
    public void Blames_the_secret_the_signed_headers_or_the_body_when_nothing_explains_the_mismatch()
    {
        var headers = SvixSigner.Headers("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_1", Ts, Encoding.UTF8.GetBytes(Compact));
        var result = Diagnose(headers, Compact);
        Assert.Equal(SvixDiagnosisKind.WrongSecretOrBodyChanged, result.Kind);
        Assert.Contains("the secret is wrong", result.Message);
        Assert.Contains("svix-id", result.Message);
        Assert.Contains("body changed", result.Message);
    }

    [Fact]
    public void Reports_a_bad_secret_instead_of_throwing()
    {
        var result = SvixDiagnosis.Diagnose("whsec_not*base64", SignedHeaders(Compact), Encoding.UTF8.GetBytes(Compact), Now);
        Assert.Equal(SvixDiagnosisKind.BadSecret, result.Kind);
        Assert.Contains("not valid base64", result.Message);
    }

    [Fact]
    public void Reports_a_timestamp_that_is_not_an_integer()
    {
        var headers = new Dictionary<string, string?>(SignedHeaders(Compact)) { ["svix-timestamp"] = "soon" };
        Assert.Equal(SvixDiagnosisKind.InvalidTimestamp, Diagnose(headers, Compact).Kind);
    }

    private static IReadOnlyDictionary<string, string?> SignedHeaders(string body) =>
        SvixSigner.Headers(Secret, "msg_1", Ts, Encoding.UTF8.GetBytes(body));

    private static Dictionary<string, string?> WithSignature(IReadOnlyDictionary<string, string?> headers, string signature) =>
        new(headers) { ["svix-signature"] = signature };

    private static SvixDiagnosisResult Diagnose(IReadOnlyDictionary<string, string?> headers, string body) =>
        SvixDiagnosis.Diagnose(Secret, headers, Encoding.UTF8.GetBytes(body), Now);
}
