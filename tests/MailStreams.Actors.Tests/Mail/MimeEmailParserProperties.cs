using System.Text;
using CsCheck;
using MailStreams.Mail;
using MailStreams.Testing;

namespace MailStreams.Actors.Tests.Mail;

/// <summary>
/// The MIME path under hostile input (fixed iteration budgets): whatever the bytes, parsing gives an email or a
/// <see cref="MailParseException"/> with a message, never any other exception.
/// </summary>
public sealed class MimeEmailParserProperties
{
    private readonly MimeEmailParser _parser = new(new FixedClock());

    private static readonly string[] HeaderPool =
    [
        "From: Alice <alice@example.org>", "From: <<@@>>", "From: \"unterminated <a@b", "From: =?x-bogus?Q?=FF=FE?= <a@b.c>",
        "From: ", "To: reverser@example.com", "To: ,,,;;;", "To: =?utf-8?B?!!!not-base64?= <reverser@example.com>",
        "Subject: =?utf-8?Q?broken=ZZ?=", "Subject: =?koi8-r?B?8NLJ18XU?=", "Subject: =?unknown-8bit?B?/w==?=",
        "Subject: \u00ff\u00fe raw latin-1", "Message-ID: <<<>>>", "Message-ID: no-brackets", "References: < > <a@b> <<c@d>>",
        "In-Reply-To: garbage", "Date: yesterday", "Content-Type: text/plain; charset=x-does-not-exist",
        "Content-Type: text/plain; charset=\"utf-7\"", "Content-Type: multipart/mixed", "Content-Type: multipart/mixed; boundary=",
        "Content-Transfer-Encoding: base64", "Content-Transfer-Encoding: x-uuencode", "Content-Transfer-Encoding: quoted-printable",
        "Reply-To: @@@", "Auto-Submitted: auto-replied", "X-Long: " + new string('x', 5000), ": no name", "NoColonAtAll",
    ];

    private static readonly Gen<string> Headers = Gen.Int[0, HeaderPool.Length - 1].Select(i => HeaderPool[i]).Array[0, 12]
        .Select(lines => string.Join("\r\n", lines));

    private static readonly Gen<byte[]> Body = Gen.OneOf(
        Gen.Byte.Array[0, 400],
        Gen.String.Select(s => Encoding.UTF8.GetBytes(s)),
        Gen.Const("=?utf-8?B?AAAA?= =FF=\r\n=\r\nbody"u8.ToArray()));

    private void ParsesOrExplains(byte[] raw)
    {
        try
        {
            var email = _parser.Parse(raw, "local", []);
            Assert.NotNull(email.Id);
        }
        catch (MailParseException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
        }
    }

    [Fact]
    public void Random_bytes_give_an_email_or_a_parse_error()
    {
        Gen.Byte.Array[0, 2000].Sample(ParsesOrExplains, iter: 400, threads: 1);
    }

    [Fact]
    public void Hostile_headers_and_bodies_give_an_email_or_a_parse_error()
    {
        Gen.Select(Headers, Body).Sample((headers, body) =>
            ParsesOrExplains([.. Encoding.UTF8.GetBytes(headers + "\r\n\r\n"), .. body]), iter: 600, threads: 1);
    }

    [Fact]
    public void Fixtures_with_random_bytes_overwritten_give_an_email_or_a_parse_error()
    {
        var fixtures = Directory.GetFiles(Path.GetDirectoryName(TestFiles.Fixture("plain-text.eml"))!, "*.eml").Select(File.ReadAllBytes).ToArray();
        Gen.Select(Gen.Int[0, fixtures.Length - 1], Gen.Select(Gen.Int[0, 100_000], Gen.Byte).Array[1, 20]).Sample((f, edits) =>
        {
            var raw = fixtures[f].ToArray();
            foreach (var (at, value) in edits) raw[at % raw.Length] = value;
            ParsesOrExplains(raw);
        }, iter: 600, threads: 1);
    }

    [Fact]
    public void A_header_bomb_of_twenty_thousand_headers_is_parsed_without_a_crash()
    {
        var raw = new StringBuilder("From: Alice <alice@example.org>\r\nTo: reverser@example.com\r\nSubject: bomb\r\n");
        for (var i = 0; i < 20_000; i++) raw.Append("X-Bomb-").Append(i % 50).Append(": ").Append('x', 20).Append("\r\n");
        raw.Append("\r\nbody\r\n");

        var email = _parser.Parse(Encoding.ASCII.GetBytes(raw.ToString()), "local", []);

        Assert.Equal("bomb", email.Subject);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(2000)]
    public void Deeply_nested_multiparts_give_an_email_or_a_parse_error_without_a_crash(int depth)
    {
        var raw = new StringBuilder("From: Alice <alice@example.org>\r\nTo: reverser@example.com\r\nSubject: nested\r\nMIME-Version: 1.0\r\n");
        for (var i = 0; i < depth; i++) raw.Append($"Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n");
        raw.Append("Content-Type: text/plain\r\n\r\ndeep\r\n");
        for (var i = depth - 1; i >= 0; i--) raw.Append($"--b{i}--\r\n");

        ParsesOrExplains(Encoding.ASCII.GetBytes(raw.ToString()));
    }
}
