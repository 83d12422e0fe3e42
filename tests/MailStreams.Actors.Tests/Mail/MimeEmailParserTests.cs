using System.Text;
using MailStreams.Mail;
using MailStreams.Testing;

namespace MailStreams.Actors.Tests.Mail;

public sealed class MimeEmailParserTests
{
    private readonly MimeEmailParser _parser = new(new FixedClock());

    private Email Parse(string fixture, params string[] receivedFor) =>
        _parser.Parse(TestFiles.FixtureBytes(fixture), "smtp", receivedFor);

    private Email ParseText(string raw) => _parser.Parse(Encoding.UTF8.GetBytes(raw), "local", []);

    [Fact]
    public void Reads_a_plain_text_message()
    {
        var email = Parse("plain-text.eml", "reverser@example.com");

        Assert.Equal("smtp", email.Source);
        Assert.Equal("Alice Example <alice@example.org>", email.From);
        Assert.Equal(["Reverser <reverser@example.com>"], email.To);
        Assert.Equal(["reverser@example.com"], email.ReceivedFor);
        Assert.Equal("Please reverse this", email.Subject);
        Assert.Equal("<plain-1@mail.example.org>", email.MessageId);
        Assert.Equal("Hello reverser,\n\nPlease reverse this sentence.\n\n-- \nAlice\n", email.Text);
        Assert.Null(email.Html);
        Assert.Empty(email.Attachments);
        Assert.Equal(FixedClock.Instant, email.ReceivedAt);
    }

    [Fact]
    public void Derives_the_id_from_a_hash_of_the_raw_bytes()
    {
        var first = Parse("plain-text.eml");
        var again = Parse("plain-text.eml");
        var other = Parse("multipart-alternative.eml");

        Assert.Matches("^local-[0-9a-f]{32}$", first.Id);
        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, other.Id);
    }

    [Fact]
    public void Lower_cases_header_names_and_joins_repeated_headers()
    {
        var email = Parse("plain-text.eml");

        Assert.Equal("<alice@example.org>", email.Headers["return-path"]);
        Assert.Equal("text/plain; charset=us-ascii", email.Header("Content-Type"));
        var received = email.Headers["received"];
        Assert.StartsWith("from mail.example.org (mail.example.org [192.0.2.10])\tby mx.example.com", received);
        Assert.DoesNotContain('\n', received);
        Assert.Contains("+0000, from [198.51.100.7] by mail.example.org", received);
        Assert.All(email.Headers.Keys, name => Assert.Equal(name.ToLowerInvariant(), name));
    }

    [Fact]
    public void Takes_both_bodies_of_a_multipart_alternative_message()
    {
        var email = Parse("multipart-alternative.eml");

        Assert.Equal("\"Doe, Jane\" <jane@example.org>", email.From);
        Assert.Equal(["Bob <bob@example.org>", "Reverser+cc@Example.com"], email.Cc);
        Assert.Equal("Plain version.", email.Text?.Trim());
        Assert.Equal("<html><body><p>HTML <b>version</b>.</p></body></html>", email.Html?.Trim());
    }

    [Fact]
    public void Derives_the_text_from_the_html_when_there_is_only_html()
    {
        var email = Parse("html-only.eml");

        Assert.Equal("Hello & welcome,\n\nfirst line\nsecond line\n\ncafé", email.Text);
        Assert.NotNull(email.Html);
    }

    [Fact]
    public void Decodes_a_quoted_printable_utf8_subject_and_body()
    {
        var email = Parse("qp-utf8-subject.eml");

        Assert.Equal("Grüße aus Köln – 10 € für dich", email.Subject);
        Assert.Equal("Jürgen Müller <juergen@example.de>", email.From);
        Assert.Equal("Schöne Grüße!\nDer Preis beträgt 10 € – oder mehr.\n", email.Text);
    }

    [Fact]
    public void Decodes_an_iso_8859_1_body_and_subject()
    {
        var email = Parse("iso-8859-1.eml");

        Assert.Equal("Café crème", email.Subject);
        Assert.Equal("François Bérard <francois@example.fr>", email.From);
        Assert.Equal("Voilà un café crème à côté de l'hôtel.\nÇa coûte 3 £.\n", email.Text);
    }

    [Fact]
    public void Decodes_windows_1252_curly_quotes_and_the_euro_sign()
    {
        var email = Parse("windows-1252.eml");

        Assert.Equal("“Quoted” price € 5", email.Subject);
        Assert.Equal("“Smart quotes” cost €5 – it’s true…\n", email.Text);
    }

    [Fact]
    public void Decodes_koi8_r()
    {
        var email = Parse("koi8-r.eml");

        Assert.Equal("Привет, мир", email.Subject);
        Assert.Equal("Иван Петров <ivan@example.ru>", email.From);
        Assert.Equal("Съешь же ещё этих мягких французских булок.\n", email.Text);
    }

    [Fact]
    public void Decodes_a_shift_jis_encoded_word_subject_and_an_iso_2022_jp_body()
    {
        var email = Parse("shift-jis-subject.eml");

        Assert.Equal("こんにちは世界", email.Subject);
        Assert.Equal("山田太郎 <taro@example.jp>", email.From);
        Assert.Equal("日本語のメールです。\n", email.Text);
    }

    [Theory]
    [InlineData("abc@x")]
    [InlineData("<abc@x>")]
    [InlineData("<<abc@x>>")]
    [InlineData("  < abc@x >  ")]
    public void Normalizes_the_message_id_to_one_pair_of_angle_brackets(string header)
    {
        var email = ParseText($"From: a@example.org\r\nMessage-ID: {header}\r\n\r\nbody\r\n");

        Assert.Equal("<abc@x>", email.MessageId);
    }

    [Fact]
    public void Has_no_message_id_when_the_header_is_absent()
    {
        Assert.Null(ParseText("From: a@example.org\r\nSubject: x\r\n\r\nbody\r\n").MessageId);
    }

    [Fact]
    public void Reads_the_threading_headers_with_brackets()
    {
        var email = Parse("references.eml");

        Assert.Equal("<ref-3@example.org>", email.MessageId);
        Assert.Equal("<ref-2@example.org>", email.InReplyTo);
        Assert.Equal(["<ref-1@example.org>", "<ref-2@example.org>"], email.References);
    }

    [Fact]
    public void Reads_reply_to_addresses()
    {
        var email = Parse("reply-to.eml");

        Assert.Equal(["Erin's Team <team@example.org>", "erin.personal@example.net"], email.ReplyTo);
        Assert.Equal("<erin-1@example.org>", email.MessageId);
    }

    [Fact]
    public void Lists_attachments_and_inline_parts_with_decoded_sizes()
    {
        var email = Parse("with-attachments.eml");

        Assert.Equal(
            [new EmailAttachment("logo.png", "image/png", 70, "logo@example.org"), new EmailAttachment("notes.txt", "text/plain", 12, null)],
            email.Attachments);
        Assert.Contains("cid:logo@example.org", email.Html);
    }

    [Fact]
    public async Task Parses_from_a_stream_like_from_bytes()
    {
        await using var stream = File.OpenRead(TestFiles.Fixture("koi8-r.eml"));

        var email = await _parser.ParseAsync(stream, "local", []);

        Assert.Equal(Parse("koi8-r.eml") with { Source = "local" }, email, new EmailComparer());
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello world")]
    [InlineData("\u0000\u0001\u0002 binary junk")]
    [InlineData("Subject: no sender\r\n\r\nbody\r\n")]
    [InlineData("From: \r\nSubject: empty from\r\n\r\nbody\r\n")]
    [InlineData("From: not an address at all\r\n\r\nbody\r\n")]
    public void Rejects_input_that_is_not_a_message_with_a_sender(string raw)
    {
        var error = Assert.Throws<MailParseException>(() => ParseText(raw));

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    /// <summary>Records with list members compare by reference: compare the JSON instead.</summary>
    private sealed class EmailComparer : IEqualityComparer<Email>
    {
        public bool Equals(Email? x, Email? y) => MailJson.Serialize(x).AsSpan().SequenceEqual(MailJson.Serialize(y));

        public int GetHashCode(Email obj) => 0;
    }
}
