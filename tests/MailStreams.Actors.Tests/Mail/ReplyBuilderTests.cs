using System.Text;
using MailStreams.Mail;
using MailStreams.Testing;

namespace MailStreams.Actors.Tests.Mail;

public sealed class ReplyBuilderTests
{
    private readonly ReplyBuilder _builder = new(new ReplyBuilderOptions { BaseDomain = "example.com" });

    private static Email Fixture(string name) =>
        new MimeEmailParser(new FixedClock()).Parse(TestFiles.FixtureBytes(name), "smtp", []);

    private static Email Original(string subject = "Hello", string? messageId = "<m1@example.org>", string[]? references = null, string[]? replyTo = null) => new()
    {
        Id = "test",
        Source = "local",
        From = "Alice <alice@example.org>",
        To = ["reverser@example.com"],
        Subject = subject,
        MessageId = messageId,
        References = references ?? [],
        ReplyTo = replyTo ?? [],
    };

    private static readonly Reply Text = new() { Text = "olleH" };

    [Fact]
    public void Replies_from_the_inbox_on_the_base_domain()
    {
        var reply = _builder.Build("reverser", Fixture("plain-text.eml"), Text);

        Assert.Equal("Reverser <reverser@example.com>", reply.From);
        Assert.Equal(["Alice Example <alice@example.org>"], reply.To);
        Assert.Equal("Re: Please reverse this", reply.Subject);
        Assert.Equal("olleH", reply.Text);
        Assert.Null(reply.Cc);
        Assert.Equal([new OutboundTag("inbox", "reverser")], reply.Tags);
    }

    [Theory]
    [InlineData("Hello", "Re: Hello")]
    [InlineData("Re: Hello", "Re: Hello")]
    [InlineData("RE: re: Re:Hello", "Re: Hello")]
    [InlineData("Re[2]: Hello", "Re: Hello")]
    [InlineData("re : Hello", "Re: Hello")]
    [InlineData("AW: Hello", "Re: AW: Hello")]
    [InlineData("Regarding: Hello", "Re: Regarding: Hello")]
    [InlineData("", "Re:")]
    [InlineData("  ", "Re:")]
    [InlineData("Re:", "Re:")]
    public void Never_stacks_reply_prefixes(string original, string expected)
    {
        Assert.Equal(expected, _builder.Build("reverser", Original(subject: original), Text).Subject);
    }

    [Fact]
    public void Keeps_the_subject_the_tool_chose()
    {
        Assert.Equal("Done", _builder.Build("reverser", Original(), Text with { Subject = "Done" }).Subject);
    }

    [Fact]
    public void Prefers_the_tools_recipients_then_reply_to_then_from()
    {
        var original = Fixture("reply-to.eml");

        Assert.Equal(["Erin's Team <team@example.org>", "erin.personal@example.net"], _builder.Build("reverser", original, Text).To);
        Assert.Equal(["x@example.org"], _builder.Build("reverser", original, Text with { To = ["x@example.org"], Cc = ["y@example.org"] }).To);
        Assert.Equal(["y@example.org"], _builder.Build("reverser", original, Text with { Cc = ["y@example.org"] }).Cc);
        Assert.Equal(["Erin <erin@example.org>"], _builder.Build("reverser", original with { ReplyTo = [] }, Text with { To = [] }).To);
    }

    [Fact]
    public void Threads_the_reply_under_the_original()
    {
        var reply = _builder.Build("reverser", Fixture("references.eml"), Text);

        Assert.Equal("<ref-3@example.org>", reply.Headers!["In-Reply-To"]);
        Assert.Equal("<ref-1@example.org> <ref-2@example.org> <ref-3@example.org>", reply.Headers["References"]);
        Assert.Equal("auto-replied", reply.Headers["Auto-Submitted"]);
    }

    [Fact]
    public void Brackets_each_reference_once_without_duplicates()
    {
        var original = Original(messageId: "m1@example.org", references: ["<<r1@example.org>>", "r2@example.org", "<m1@example.org>", "<r1@example.org>"]);

        var headers = _builder.Build("reverser", original, Text).Headers!;

        Assert.Equal("<m1@example.org>", headers["In-Reply-To"]);
        Assert.Equal("<r1@example.org> <r2@example.org> <m1@example.org>", headers["References"]);
    }

    [Fact]
    public void Omits_threading_headers_when_the_original_has_no_message_id()
    {
        var headers = _builder.Build("reverser", Original(messageId: null, references: ["<r1@example.org>"]), Text).Headers!;

        Assert.Equal(["Auto-Submitted"], headers.Keys);
    }

    [Fact]
    public void Escapes_the_text_into_minimal_html()
    {
        var reply = _builder.Build("reverser", Original(), new Reply { Text = "a < b & \"c\" > 'd'\r\nnext line\n\nnew paragraph" });

        Assert.Equal("<p>a &lt; b &amp; &quot;c&quot; &gt; &#39;d&#39;<br>next line</p><p>new paragraph</p>", reply.Html);
    }

    [Fact]
    public void Keeps_the_html_the_tool_gave()
    {
        var reply = _builder.Build("reverser", Original(), new Reply { Html = "<b>bold</b>" });

        Assert.Equal("<b>bold</b>", reply.Html);
        Assert.Null(reply.Text);
    }

    [Fact]
    public void Quotes_unusual_inbox_names_and_sanitizes_the_tag()
    {
        var reply = _builder.Build("re verser", Original(), Text);

        Assert.Equal("Re verser <\"re verser\"@example.com>", reply.From);
        Assert.Equal("\"First.last\" <first.last@example.com>", _builder.Build("first.last", Original(), Text).From);
        Assert.Equal([new OutboundTag("inbox", "re_verser")], reply.Tags);
    }

    [Fact]
    public void Builds_the_same_json_from_the_same_input()
    {
        var first = MailJson.Serialize(_builder.Build("reverser", Fixture("references.eml"), Text));
        var second = MailJson.Serialize(_builder.Build("reverser", Fixture("references.eml"), Text));

        Assert.Equal(first, second);
        Assert.Equal(
            """{"from":"Reverser <reverser@example.com>","to":["Frank <frank@example.org>"],"subject":"Re: [3] Thread continues","text":"olleH","html":"<p>olleH</p>","headers":{"In-Reply-To":"<ref-3@example.org>","References":"<ref-1@example.org> <ref-2@example.org> <ref-3@example.org>","Auto-Submitted":"auto-replied"},"tags":[{"name":"inbox","value":"reverser"}]}""",
            Encoding.UTF8.GetString(first));
    }

    [Fact]
    public void Rejects_a_reply_without_content_or_recipient()
    {
        Assert.Throws<ArgumentException>(() => _builder.Build("reverser", Original(), new Reply()));
        Assert.Throws<ArgumentException>(() => _builder.Build("reverser", Original() with { From = "" }, Text));
        Assert.ThrowsAny<ArgumentException>(() => _builder.Build(" ", Original(), Text));
    }
}
