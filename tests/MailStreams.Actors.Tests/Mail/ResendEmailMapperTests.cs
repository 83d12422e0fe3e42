using System.Text.Json;
using MailStreams.Ingress.Resend;
using MailStreams.Mail;
using MailStreams.Testing;

namespace MailStreams.Actors.Tests.Mail;

public sealed class ResendEmailMapperTests
{
    private readonly ResendEmailMapper _mapper = new(new FixedClock());

    private static ResendReceivedEmail ReceivedEmail() =>
        MailJson.Deserialize<ResendReceivedEmail>(File.ReadAllBytes(TestFiles.Vector("resend-received-email.json")));

    private static ResendEmailReceivedData WebhookData()
    {
        var envelope = MailJson.Deserialize<ResendWebhookEnvelope>(File.ReadAllBytes(TestFiles.Vector("resend-email-received.json")));
        return envelope.Data.Deserialize<ResendEmailReceivedData>(MailJson.Options)!;
    }

    [Fact]
    public void Maps_the_received_email_vector()
    {
        var email = _mapper.Map(ReceivedEmail(), WebhookData());

        Assert.Equal("0b7d2f64-5a1e-4c3b-9f0e-8d6a2c1b4e93", email.Id);
        Assert.Equal("resend", email.Source);
        Assert.Equal("Alice Example <alice@example.org>", email.From);
        Assert.Equal(["reverser@example.com"], email.To);
        Assert.Equal(["bob@example.org"], email.Cc);
        Assert.Empty(email.Bcc);
        Assert.Equal(["alice+replies@example.org"], email.ReplyTo);
        Assert.Equal(["reverser@example.com"], email.ReceivedFor);
        Assert.Equal("Please reverse this", email.Subject);
        Assert.Equal("<CAF1a2b3c4d5e6f7a8b9@mail.example.org>", email.MessageId);
        Assert.Equal("Hello reverser,\n\nPlease reverse this sentence.\n\n[logo]\n\n-- \nAlice\n", email.Text);
        Assert.StartsWith("<div dir=\"ltr\"><p>Hello reverser,</p>", email.Html);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1_987_310), email.ReceivedAt);
        Assert.Null(email.InReplyTo);
        Assert.Empty(email.References);
    }

    [Fact]
    public void Lower_cases_the_header_names()
    {
        var email = _mapper.Map(ReceivedEmail(), WebhookData());

        Assert.Equal("<alice@example.org>", email.Headers["return-path"]);
        Assert.Equal("1.0", email.Headers["mime-version"]);
        Assert.Equal("multipart/mixed; boundary=\"000000000000c0ffee0123456789\"", email.Header("Content-Type"));
        Assert.All(email.Headers.Keys, name => Assert.Equal(name.ToLowerInvariant(), name));
        Assert.Equal(10, email.Headers.Count);
    }

    [Fact]
    public void Lists_the_attachments()
    {
        var email = _mapper.Map(ReceivedEmail(), WebhookData());

        Assert.Equal(
            [new EmailAttachment("logo.png", "image/png", 70, "logo@example.org"), new EmailAttachment("notes.txt", "text/plain", 412, null)],
            email.Attachments);
    }

    [Fact]
    public void Reads_in_reply_to_and_references_from_the_headers()
    {
        var received = ReceivedEmail() with
        {
            Headers = new Dictionary<string, string>
            {
                ["In-Reply-To"] = "<parent@example.com>",
                ["REFERENCES"] = "<root@example.com> <parent@example.com>",
            },
        };

        var email = _mapper.Map(received);

        Assert.Equal("<parent@example.com>", email.InReplyTo);
        Assert.Equal(["<root@example.com>", "<parent@example.com>"], email.References);
    }

    [Fact]
    public void Joins_header_names_that_differ_only_by_case()
    {
        var received = ReceivedEmail() with
        {
            Headers = new Dictionary<string, string> { ["Received"] = "from a", ["received"] = "from b" },
        };

        Assert.Equal("from a, from b", _mapper.Map(received).Headers["received"]);
    }

    [Fact]
    public void Falls_back_to_the_webhook_for_received_for_and_missing_fields()
    {
        var received = ReceivedEmail() with { ReceivedFor = null, Cc = null, MessageId = null, CreatedAt = null };

        var email = _mapper.Map(received, WebhookData());

        Assert.Equal(["reverser@example.com"], email.ReceivedFor);
        Assert.Equal(["bob@example.org"], email.Cc);
        Assert.Equal("<CAF1a2b3c4d5e6f7a8b9@mail.example.org>", email.MessageId);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1_987_310), email.ReceivedAt);
    }

    [Fact]
    public void Uses_the_clock_and_derives_the_text_when_resend_gave_neither()
    {
        var received = ReceivedEmail() with { CreatedAt = "not a date", Text = null, Html = "<p>Hi &amp; bye</p>" };

        var email = _mapper.Map(received);

        Assert.Equal(FixedClock.Instant, email.ReceivedAt);
        Assert.Equal("Hi & bye", email.Text);
    }

    [Fact]
    public void Rejects_an_email_without_id_or_sender()
    {
        Assert.Throws<MailParseException>(() => _mapper.Map(ReceivedEmail() with { Id = null }));
        Assert.Throws<MailParseException>(() => _mapper.Map(ReceivedEmail() with { From = " " }));
    }

    [Fact]
    public void Takes_the_id_from_the_webhook_when_the_email_has_none()
    {
        Assert.Equal("0b7d2f64-5a1e-4c3b-9f0e-8d6a2c1b4e93", _mapper.Map(ReceivedEmail() with { Id = null }, WebhookData()).Id);
    }
}
