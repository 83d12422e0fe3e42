using MailStreams.Mail;
using MailStreams.Sending;
using MailStreams.Testing;
using MimeKit;

namespace MailStreams.Actors.Tests.Sending;

public sealed class FileMailSenderTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FileMailSender _sender;

    public FileMailSenderTests() => _sender = new FileMailSender(Path.Combine(_dir.Path, "outbox"));

    public void Dispose() => _dir.Dispose();

    private static OutboundEmail Reply() => new()
    {
        From = "Reverser <reverser@example.com>",
        To = ["Alice Example <alice@example.org>"],
        Cc = ["bob@example.org"],
        Subject = "Re: Grüße",
        Text = "olleH",
        Html = "<p>olleH</p>",
        Headers = new Dictionary<string, string>
        {
            ["In-Reply-To"] = "<m1@example.org>",
            ["References"] = "<r1@example.org> <m1@example.org>",
            ["Auto-Submitted"] = "auto-replied",
        },
        Tags = [new OutboundTag("inbox", "reverser")],
    };

    private string[] EmlFiles() => Directory.GetFiles(_sender.Directory).Select(Path.GetFileName).ToArray()!;

    [Fact]
    public async Task Writes_a_parseable_eml_named_after_the_idempotency_key()
    {
        var result = await _sender.SendAsync(Reply(), "inbox/reverser:5");

        Assert.Equal(new SendResult.Sent("inbox_reverser_5.eml"), result);
        var message = await MimeMessage.LoadAsync(Path.Combine(_sender.Directory, "inbox_reverser_5.eml"));
        var from = message.From.Mailboxes.Single();
        Assert.Equal(("Reverser", "reverser@example.com"), (from.Name, from.Address));
        Assert.Equal("alice@example.org", message.To.Mailboxes.Single().Address);
        Assert.Equal("bob@example.org", message.Cc.Mailboxes.Single().Address);
        Assert.Equal("Re: Grüße", message.Subject);
        Assert.Equal("auto-replied", message.Headers["Auto-Submitted"]);
        Assert.Equal("m1@example.org", message.InReplyTo);
        Assert.Equal(["r1@example.org", "m1@example.org"], message.References);
        Assert.Equal("reverser", message.Headers["X-MailStreams-Tag-inbox"]);
        Assert.Equal("olleH", message.TextBody?.Trim());
        Assert.Equal("<p>olleH</p>", message.HtmlBody?.Trim());
        Assert.True(message.Body?.ContentType.IsMimeType("multipart", "alternative"));
    }

    [Fact]
    public async Task Derives_the_message_id_from_the_idempotency_key()
    {
        await _sender.SendAsync(Reply(), "inbox/reverser:5");
        var message = await MimeMessage.LoadAsync(Path.Combine(_sender.Directory, "inbox_reverser_5.eml"));

        Assert.Equal(FileMailSender.MessageIdOf("inbox/reverser:5"), "<" + message.MessageId + ">");
        Assert.Matches("^<[0-9a-f]{32}@mailstreams.local>$", FileMailSender.MessageIdOf("inbox/reverser:5"));
        Assert.NotEqual(FileMailSender.MessageIdOf("inbox/reverser:5"), FileMailSender.MessageIdOf("inbox/reverser:6"));
    }

    [Fact]
    public async Task Writes_one_file_per_key_however_often_it_is_sent()
    {
        var first = await _sender.SendAsync(Reply(), "inbox/reverser:5");
        var written = await File.ReadAllBytesAsync(Path.Combine(_sender.Directory, "inbox_reverser_5.eml"));
        var again = await _sender.SendAsync(Reply() with { Text = "changed" }, "inbox/reverser:5");
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _sender.SendAsync(Reply(), "inbox/reverser:7")));

        Assert.Equal(first, again);
        Assert.Equal(written, await File.ReadAllBytesAsync(Path.Combine(_sender.Directory, "inbox_reverser_5.eml")));
        Assert.All(concurrent, r => Assert.Equal(new SendResult.Sent("inbox_reverser_7.eml"), r));
        Assert.Equal(["inbox_reverser_5.eml", "inbox_reverser_7.eml"], EmlFiles().Order());
    }

    [Fact]
    public async Task Keeps_keys_that_sanitize_alike_apart()
    {
        var slash = await _sender.SendAsync(Reply(), "inbox/a:1");
        var underscore = await _sender.SendAsync(Reply(), "inbox_a_1");

        Assert.Equal(new SendResult.Sent("inbox_a_1.eml"), slash);
        var other = Assert.IsType<SendResult.Sent>(underscore);
        Assert.Matches("^inbox_a_1_[0-9a-f]{16}\\.eml$", other.ProviderId);
        Assert.Equal(2, EmlFiles().Length);
        Assert.Equal(underscore, await _sender.SendAsync(Reply(), "inbox_a_1"));
    }

    [Fact]
    public async Task Writes_a_text_only_reply_as_a_single_part()
    {
        await _sender.SendAsync(Reply() with { Html = null }, "k1");
        var message = await MimeMessage.LoadAsync(Path.Combine(_sender.Directory, "k1.eml"));

        Assert.True(message.Body?.ContentType.IsMimeType("text", "plain"));
        Assert.Equal("olleH", message.TextBody?.Trim());
    }

    [Fact]
    public async Task Rejects_an_email_without_recipient_for_good()
    {
        var result = await _sender.SendAsync(Reply() with { To = [] }, "inbox/reverser:9");

        var permanent = Assert.IsType<SendResult.Permanent>(result);
        Assert.Equal(422, permanent.StatusCode);
        Assert.Contains("no To", permanent.Response);
        Assert.False(Directory.Exists(_sender.Directory) && EmlFiles().Length > 0);
    }

    [Theory]
    [InlineData("not an address", null)]
    [InlineData("Reverser <reverser@example.com>", "From")]
    public async Task Rejects_invalid_addresses_and_headers_for_good(string from, string? customHeader)
    {
        var email = Reply() with
        {
            From = from,
            Headers = customHeader is null ? null : new Dictionary<string, string> { [customHeader] = "x@example.org" },
        };

        var permanent = Assert.IsType<SendResult.Permanent>(await _sender.SendAsync(email, "bad"));

        Assert.Equal(422, permanent.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(permanent.Response));
    }

    [Fact]
    public async Task Rejects_an_empty_idempotency_key()
    {
        Assert.IsType<SendResult.Permanent>(await _sender.SendAsync(Reply(), " "));
    }

    [Fact]
    public async Task Reports_a_transient_failure_when_the_directory_cannot_be_written()
    {
        var blocked = new FileMailSender(_dir.File("a-file"));
        await File.WriteAllTextAsync(_dir.File("a-file"), "not a directory");

        Assert.IsType<SendResult.Transient>(await blocked.SendAsync(Reply(), "k1"));
    }
}
