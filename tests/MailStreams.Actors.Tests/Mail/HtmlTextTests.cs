using MailStreams.Mail;

namespace MailStreams.Actors.Tests.Mail;

public sealed class HtmlTextTests
{
    [Fact]
    public void Strips_tags_scripts_and_styles_and_decodes_entities()
    {
        var html = "<html><head><style>p{}</style></head><body><script>alert(1)</script><h1>Title</h1><ul><li>one</li><li>two &lt;3</li></ul><p>a&nbsp;b</p></body></html>";

        Assert.Equal("Title\n\none\ntwo <3\n\na b", HtmlText.ToPlainText(html));
    }

    [Fact]
    public void Lays_out_text_as_paragraphs_and_line_breaks()
    {
        Assert.Equal("<p>one<br>two</p><p>three</p>", HtmlText.FromPlainText("one\r\ntwo\r\n\r\n\r\nthree\n"));
        Assert.Equal("<p></p>", HtmlText.FromPlainText(""));
    }

    [Fact]
    public void Escapes_only_what_html_needs()
    {
        Assert.Equal("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s café&lt;/a&gt;", HtmlText.Escape("<a href=\"x\">Tom & Jerry's café</a>"));
    }
}
