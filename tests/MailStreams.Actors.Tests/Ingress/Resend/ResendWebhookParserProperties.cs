using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using MailStreams.Ingress.Resend;
using MailStreams.Testing;

namespace MailStreams.Actors.Tests.Ingress.Resend;

/// <summary>
/// The webhook parser never throws (fixed iteration budgets): random bytes, and the real fixture with any field replaced
/// by a value of another JSON type, give a parsed envelope or an <c>Invalid</c> naming what is wrong.
/// </summary>
public sealed class ResendWebhookParserProperties
{
    private static readonly string[] Fields =
        ["type", "created_at", "data", "data.email_id", "data.from", "data.to", "data.cc", "data.bcc", "data.received_for",
         "data.message_id", "data.subject", "data.attachments", "data.created_at"];

    private static readonly JsonNode?[] Values =
        [null, 0, -1, 1.5e308, true, "", "x", "\u0000", new JsonArray(), new JsonArray(1, "a", null), new JsonObject(), new JsonObject { ["a"] = 1 }];

    private static ResendWebhookParseResult ParseWithoutThrowing(byte[] body)
    {
        var result = ResendWebhookParser.Parse(body);
        if (result is ResendWebhookParseResult.Invalid invalid) Assert.False(string.IsNullOrWhiteSpace(invalid.Error));
        return result;
    }

    [Fact]
    public void Random_bytes_are_parsed_or_refused_with_a_reason()
    {
        Gen.Byte.Array[0, 600].Sample(bytes => ParseWithoutThrowing(bytes), iter: 500, threads: 1);
        Gen.String.Sample(text => ParseWithoutThrowing(Encoding.UTF8.GetBytes(text)), iter: 500, threads: 1);
    }

    [Fact]
    public void Any_field_of_the_wrong_type_is_refused_with_a_reason_or_tolerated()
    {
        var fixture = File.ReadAllText(TestFiles.Vector("resend-email-received.json"));
        Gen.Select(Gen.Int[0, Fields.Length - 1], Gen.Int[0, Values.Length - 1]).Sample((f, v) =>
        {
            var body = JsonNode.Parse(fixture)!;
            var path = Fields[f].Split('.');
            var parent = path.Length == 1 ? body : body[path[0]]!;
            parent[path[^1]] = Values[v]?.DeepClone();
            var result = ParseWithoutThrowing(Encoding.UTF8.GetBytes(body.ToJsonString()));
            if (result is ResendWebhookParseResult.Parsed { EmailReceived: { } data }) Assert.False(string.IsNullOrEmpty(data.EmailId));
        }, iter: 400, threads: 1);
    }

    [Fact]
    public void Truncated_deliveries_are_refused_with_a_reason()
    {
        var fixture = File.ReadAllBytes(TestFiles.Vector("resend-email-received.json"));
        Gen.Int[0, fixture.Length - 2].Sample(length =>
            Assert.IsType<ResendWebhookParseResult.Invalid>(ParseWithoutThrowing(fixture[..length])), iter: 300, threads: 1);
    }
}
