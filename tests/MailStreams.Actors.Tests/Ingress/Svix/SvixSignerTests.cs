using System.Text;

using MailStreams.Ingress.Svix;

namespace MailStreams.Actors.Tests.Ingress.Svix;

public sealed class SvixSignerTests
{
    [Fact]
    public void Produces_the_signature_the_official_library_made_for_the_basic_vector()
    {
        var vector = SvixVectors.Get("valid_basic");
        Assert.Equal(vector.Headers["svix-signature"], SvixSigner.Sign(vector.Secret, vector.MsgId, vector.Timestamp, vector.BodyBytes));
    }

    [Fact]
    public void Signs_multi_byte_utf8_bodies_as_bytes()
    {
        var vector = SvixVectors.Get("valid_unicode_body_trailing_newline");
        Assert.Equal(vector.Headers["svix-signature"], SvixSigner.Sign(vector.Secret, vector.MsgId, vector.Timestamp, vector.BodyBytes));
    }

    [Fact]
    public void Round_trips_through_the_verifier_with_the_three_headers()
    {
        const string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        var body = Encoding.UTF8.GetBytes("{\"type\":\"email.sent\"}\n");
        var headers = SvixSigner.Headers(secret, "msg_round_trip", 1767225600, body);

        Assert.Equal(["svix-id", "svix-signature", "svix-timestamp"], headers.Keys.Order());
        Assert.Equal("1767225600", headers["svix-timestamp"]);
        Assert.StartsWith("v1,", headers["svix-signature"]);
        var verifier = new SvixVerifier(secret, new FixedClock(DateTimeOffset.FromUnixTimeSeconds(1767225600)));
        Assert.Equal("msg_round_trip", Assert.IsType<SvixVerification.Valid>(verifier.Verify(headers, body)).MessageId);
    }

    [Fact]
    public void Refuses_a_bad_secret() =>
        Assert.Throws<WebhookSecretException>(() => SvixSigner.Sign("whsec_***", "msg", 1, []));
}
