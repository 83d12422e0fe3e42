using MailStreams.Mail;
using MailStreams.Testing;

namespace MailStreams.Actors.Tests.Mail;

public sealed class LoopGuardTests
{
    private readonly LoopGuard _guard = new(new LoopGuardOptions
    {
        Domains = ["example.com"],
        OwnAddresses = ["Bot <replies@bot.example.net>"],
    });

    private static Email Fixture(string name) =>
        new MimeEmailParser(new FixedClock()).Parse(TestFiles.FixtureBytes(name), "smtp", []);

    /// <summary>A plain message from Alice with some extra headers: only the rule under test can fire.</summary>
    private static Email From(string from, params (string Name, string Value)[] headers) => new()
    {
        Id = "test",
        Source = "local",
        From = from,
        To = ["reverser@example.com"],
        Headers = headers.ToDictionary(h => h.Name.ToLowerInvariant(), h => h.Value),
    };

    private static Email WithHeaders(params (string Name, string Value)[] headers) => From("Alice <alice@example.org>", headers);

    private string? ReasonFor(Email email) => (_guard.Check(email) as LoopVerdict.NoReply)?.Reason;

    [Fact]
    public void Allows_a_reply_to_an_ordinary_message()
    {
        Assert.Equal(LoopVerdict.Allowed, _guard.Check(Fixture("plain-text.eml")));
        Assert.IsType<LoopVerdict.Reply>(_guard.Check(Fixture("reply-to.eml")));
    }

    [Fact]
    public void Does_not_reply_to_auto_submitted_mail()
    {
        Assert.Equal("auto-submitted: auto-replied", ReasonFor(Fixture("auto-submitted.eml")));
        Assert.Equal("auto-submitted: auto-generated", ReasonFor(WithHeaders(("Auto-Submitted", "Auto-Generated; owner-email=\"x@y\""))));
    }

    [Fact]
    public void Replies_when_auto_submitted_is_no()
    {
        Assert.Equal(LoopVerdict.Allowed, _guard.Check(WithHeaders(("Auto-Submitted", " No "))));
    }

    [Theory]
    [InlineData("All", "all")]
    [InlineData("DR, AutoReply", "autoreply")]
    [InlineData("OOF", "oof")]
    public void Does_not_reply_when_auto_responses_are_suppressed(string value, string token)
    {
        Assert.Equal("auto-response-suppress: " + token, ReasonFor(WithHeaders(("X-Auto-Response-Suppress", value))));
    }

    [Fact]
    public void Replies_when_only_other_auto_responses_are_suppressed()
    {
        Assert.Equal(LoopVerdict.Allowed, _guard.Check(WithHeaders(("X-Auto-Response-Suppress", "DR, RN, NRN"))));
    }

    [Theory]
    [InlineData("bulk")]
    [InlineData("List")]
    [InlineData("junk")]
    [InlineData("auto_reply")]
    public void Does_not_reply_to_bulk_precedence(string precedence)
    {
        Assert.Equal("precedence: " + precedence.ToLowerInvariant(), ReasonFor(WithHeaders(("Precedence", precedence))));
    }

    [Fact]
    public void Replies_to_first_class_precedence()
    {
        Assert.Equal(LoopVerdict.Allowed, _guard.Check(WithHeaders(("Precedence", "first-class"))));
    }

    [Fact]
    public void Does_not_reply_to_mailing_lists()
    {
        var list = Fixture("mailing-list.eml");
        Assert.Equal("precedence: list", ReasonFor(list));
        var withoutPrecedence = list with { Headers = list.Headers.Where(h => h.Key != "precedence").ToDictionary() };
        var verdict = Assert.IsType<LoopVerdict.NoReply>(_guard.Check(withoutPrecedence));
        Assert.Equal("mailing-list", verdict.Code);
        Assert.Equal("mailing-list: list-id", verdict.Reason);
        Assert.Equal("mailing-list: list-unsubscribe", ReasonFor(WithHeaders(("List-Unsubscribe", "<mailto:leave@lists.example.org>"))));
        Assert.Equal("mailing-list: list-id", ReasonFor(WithHeaders(("List-Id", "<dev.lists.example.org>"))));
    }

    [Fact]
    public void Does_not_reply_to_a_null_sender()
    {
        Assert.Equal("null-sender: return-path <>", ReasonFor(WithHeaders(("Return-Path", "< >"))));
        Assert.Equal("null-sender: no usable from address", ReasonFor(From("")));
        Assert.Equal("null-sender: no usable from address", ReasonFor(From("undisclosed")));
    }

    [Theory]
    [InlineData("MAILER-DAEMON@mx.example.org")]
    [InlineData("Mail System <postmaster@example.org>")]
    [InlineData("noreply@example.org")]
    [InlineData("GitHub <no-reply@github.example>")]
    [InlineData("do-not-reply@example.org")]
    [InlineData("noreply+123@example.org")]
    public void Does_not_reply_to_daemons_and_no_reply_senders(string from)
    {
        Assert.StartsWith("daemon-sender: ", ReasonFor(From(from)));
    }

    [Fact]
    public void Looks_at_the_envelope_sender_too()
    {
        Assert.Equal("daemon-sender: mailer-daemon@mx.example.org", ReasonFor(WithHeaders(("Return-Path", "<MAILER-DAEMON@mx.example.org>"))));
    }

    [Fact]
    public void Replies_to_names_that_only_resemble_daemons()
    {
        Assert.Equal(LoopVerdict.Allowed, _guard.Check(From("noreen@example.org")));
        Assert.Equal(LoopVerdict.Allowed, _guard.Check(From("postmasters-fan@example.org")));
    }

    [Fact]
    public void Does_not_reply_to_a_bounce()
    {
        var bounce = Fixture("bounce.eml");
        Assert.Equal("auto-submitted: auto-replied", ReasonFor(bounce));
        var withoutAutoSubmitted = bounce with { Headers = bounce.Headers.Where(h => h.Key != "auto-submitted").ToDictionary() };
        Assert.Equal("null-sender: return-path <>", ReasonFor(withoutAutoSubmitted));
        var withoutEnvelope = bounce with { Headers = withoutAutoSubmitted.Headers.Where(h => h.Key != "return-path").ToDictionary() };
        Assert.Equal("daemon-sender: mailer-daemon@mx.example.org", ReasonFor(withoutEnvelope));

        var reportOnly = From("Reports <reports@example.org>", ("Content-Type", "multipart/report; report-type=delivery-status; boundary=\"x\""));
        Assert.Equal("delivery-report: multipart/report", ReasonFor(reportOnly));
    }

    [Fact]
    public void Does_not_reply_to_our_own_domain_or_addresses()
    {
        Assert.Equal("own-address: sender on our domain example.com", ReasonFor(From("Reverser <reverser@Example.COM>")));
        Assert.Equal("own-address: replies@bot.example.net", ReasonFor(From("REPLIES@bot.example.net")));
    }
}
