using System.Text;
using System.Text.Json;
using MailStreams.Testing;

using MailStreams.Ingress.Resend;

namespace MailStreams.Actors.Tests.Ingress.Resend;

public sealed class ResendWebhookParserTests
{
    [Fact]
    public void Parses_the_email_received_fixture_into_its_metadata()
    {
        var parsed = ParseOk(File.ReadAllBytes(TestFiles.Vector("resend-email-received.json")));

        Assert.Equal("email.received", parsed.Envelope.Type);
        Assert.Equal("2026-01-01T00:00:00.412Z", parsed.Envelope.CreatedAt);
        var data = Assert.IsType<ResendEmailReceivedData>(parsed.EmailReceived);
        Assert.Equal("0b7d2f64-5a1e-4c3b-9f0e-8d6a2c1b4e93", data.EmailId);
        Assert.Equal("2026-01-01T00:00:00.198731+00:00", data.CreatedAt);
        Assert.Equal("Alice Example <alice@example.org>", data.From);
        Assert.Equal(["reverser@example.com"], data.To);
        Assert.Equal(["bob@example.org"], data.Cc);
        Assert.Equal([], data.Bcc);
        Assert.Equal(["reverser@example.com"], data.ReceivedFor);
        Assert.Equal("<CAF1a2b3c4d5e6f7a8b9@mail.example.org>", data.MessageId);
        Assert.Equal("Please reverse this", data.Subject);
        Assert.Equal(
            [
                new ResendReceivedAttachment("2a0c9ce0-3112-4728-976e-47ddcd16a318", "logo.png", null, "image/png", "logo@example.org", "inline"),
                new ResendReceivedAttachment("7d4e1b2c-8f9a-4c3d-b2e1-0f9e8d7c6b5a", "notes.txt", null, "text/plain", null, "attachment"),
            ],
            data.Attachments);
        Assert.Equal("0b7d2f64-5a1e-4c3b-9f0e-8d6a2c1b4e93", parsed.Envelope.Data.GetProperty("email_id").GetString());
    }

    [Fact]
    public void Keeps_other_event_types_as_an_envelope_without_metadata()
    {
        var parsed = ParseOk("{\"type\":\"email.delivered\",\"created_at\":\"2026-01-01T00:00:01Z\",\"data\":{\"email_id\":\"x\"}}");
        Assert.Equal("email.delivered", parsed.Envelope.Type);
        Assert.Null(parsed.EmailReceived);
        Assert.Equal("x", parsed.Envelope.Data.GetProperty("email_id").GetString());
    }

    [Fact]
    public void Accepts_missing_optional_fields_and_nulls()
    {
        var parsed = ParseOk("{\"type\":\"email.received\",\"data\":{\"email_id\":\"e\",\"from\":\"a@example.org\",\"to\":[],\"cc\":null,\"subject\":null}}");
        var data = parsed.EmailReceived!;
        Assert.Equal([], data.To);
        Assert.Null(data.Cc);
        Assert.Null(data.Subject);
        Assert.Null(data.Attachments);
    }

    [Theory]
    [InlineData("", "body is empty")]
    [InlineData("{\"type\":", "body is not valid JSON: ")]
    [InlineData("not json", "body is not valid JSON: ")]
    [InlineData("[1,2]", "body must be a JSON object, not an array")]
    [InlineData("{\"data\":{}}", "type is required")]
    [InlineData("{\"type\":42}", "type must be a string, not a number")]
    [InlineData("{\"type\":\"email.received\",\"created_at\":false,\"data\":{}}", "created_at must be a string, not a boolean")]
    [InlineData("{\"type\":\"email.received\"}", "data is required for email.received")]
    [InlineData("{\"type\":\"email.received\",\"data\":\"x\"}", "data must be an object, not a string")]
    [InlineData("{\"type\":\"email.received\",\"data\":{\"from\":\"a@b\",\"to\":[]}}", "data.email_id is required")]
    [InlineData("{\"type\":\"email.received\",\"data\":{\"email_id\":\"\",\"from\":\"a@b\",\"to\":[]}}", "data.email_id must not be empty")]
    [InlineData("{\"type\":\"email.received\",\"data\":{\"email_id\":7,\"from\":\"a@b\",\"to\":[]}}", "data.email_id must be a string, not a number")]
    [InlineData("{\"type\":\"email.received\",\"data\":{\"email_id\":\"e\",\"to\":[]}}", "data.from is required")]
    [InlineData("{\"type\":\"email.received\",\"data\":{\"email_id\":\"e\",\"from\":\"a@b\"}}", "data.to is required")]
    [InlineData("{\"type\":\"email.received\",\"data\":{\"email_id\":\"e\",\"from\":\"a@b\",\"to\":\"r@example.com\"}}", "data.to must be an array of strings, not a string")]
    [InlineData("{\"type\":\"email.received\",\"data\":{\"email_id\":\"e\",\"from\":\"a@b\",\"to\":[\"r@example.com\",{}]}}", "data.to[1] must be a string, not an object")]
    [InlineData("{\"type\":\"email.received\",\"data\":{\"email_id\":\"e\",\"from\":\"a@b\",\"to\":[],\"received_for\":[null]}}", "data.received_for[0] must be a string, not null")]
    [InlineData("{\"type\":\"email.received\",\"data\":{\"email_id\":\"e\",\"from\":\"a@b\",\"to\":[],\"attachments\":{}}}", "data.attachments must be an array, not an object")]
    [InlineData("{\"type\":\"email.received\",\"data\":{\"email_id\":\"e\",\"from\":\"a@b\",\"to\":[],\"attachments\":[{\"size\":\"big\"}]}}", "data.attachments[0].size must be an integer, not a string")]
    public void Explains_what_is_wrong_with_a_bad_body(string body, string expected)
    {
        var invalid = Assert.IsType<ResendWebhookParseResult.Invalid>(ResendWebhookParser.Parse(Encoding.UTF8.GetBytes(body)));
        Assert.StartsWith(expected, invalid.Error);
    }

    [Fact]
    public void Reports_invalid_utf8_as_invalid_json_instead_of_throwing()
    {
        byte[] body = [.. "{\"type\":\""u8, 0xC3, 0x28, .. "\"}"u8];
        var invalid = Assert.IsType<ResendWebhookParseResult.Invalid>(ResendWebhookParser.Parse(body));
        Assert.StartsWith("body is not valid JSON", invalid.Error);
    }

    [Fact]
    public void Keeps_the_envelope_data_usable_after_parsing()
    {
        var parsed = ParseOk("{\"type\":\"contact.created\",\"data\":{\"nested\":{\"n\":1}}}");
        Assert.Equal(1, parsed.Envelope.Data.GetProperty("nested").GetProperty("n").GetInt32());
        Assert.Equal(JsonValueKind.Undefined, ParseOk("{\"type\":\"domain.updated\"}").Envelope.Data.ValueKind);
    }

    private static ResendWebhookParseResult.Parsed ParseOk(string body) => ParseOk(Encoding.UTF8.GetBytes(body));

    private static ResendWebhookParseResult.Parsed ParseOk(byte[] body) =>
        Assert.IsType<ResendWebhookParseResult.Parsed>(ResendWebhookParser.Parse(body));
}
