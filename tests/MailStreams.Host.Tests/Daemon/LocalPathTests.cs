using System.Net;
using System.Text.Json;
using MailStreams.Store;
using MailStreams.Testing;

namespace MailStreams.Host.Tests.Daemon;

/// <summary>The main job on the embedded defaults: an email posted to the local ingress is answered with an .eml reply.</summary>
public sealed class LocalPathTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Answers_an_email_to_reverser_with_its_text_reversed_as_an_eml_file()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path);

        var response = await Mails.PostAsync(daemon.Client, Mails.Raw("reverser@example.com", text: "Hello world 😀", messageId: "<m1@example.org>"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sent = Assert.Single(await daemon.WaitForRecordsAsync(StreamNames.Sent, 1));
        Assert.Equal("inbox/reverser:0", sent.Header("idempotency-key"));
        var eml = await File.ReadAllTextAsync(Path.Combine(_data.Path, "sent", sent.Header("provider-id")!));
        Assert.Contains("😀 dlrow olleH", eml);
        Assert.Contains("Subject: Re: Hello world", eml);
        Assert.Contains("In-Reply-To: <m1@example.org>", eml);
        Assert.Contains("Auto-Submitted: auto-replied", eml);
    }

    [Fact]
    public async Task Posting_the_same_message_twice_yields_one_inbox_record_and_one_reply()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path);
        var raw = Mails.Raw("reverser@example.com", messageId: "<twice@example.org>");

        var answers = await Task.WhenAll(Mails.PostAsync(daemon.Client, raw), Mails.PostAsync(daemon.Client, raw), Mails.PostAsync(daemon.Client, raw));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        await daemon.WaitForRecordsAsync(StreamNames.Sent, 1);
        Assert.Single(await daemon.ReadAsync("inbox/reverser"));
        Assert.Single(await daemon.ReadAsync(StreamNames.Outbox));
    }

    [Fact]
    public async Task Does_not_reply_to_auto_submitted_or_list_mail_and_records_why()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path);

        await Mails.PostAsync(daemon.Client, Mails.Raw("reverser@example.com", extraHeaders: "Auto-Submitted: auto-replied\r\n"));
        await Mails.PostAsync(daemon.Client, Mails.Raw("reverser@example.com", extraHeaders: "List-Id: <news.example.org>\r\n"));
        await Mails.PostAsync(daemon.Client, Mails.Raw("reverser@example.com", extraHeaders: "Precedence: bulk\r\n"));

        var skipped = await daemon.WaitForRecordsAsync(StreamNames.Skipped, 3);
        Assert.All(skipped, s => Assert.False(string.IsNullOrEmpty(s.Header("reason"))));
        Assert.Empty(await daemon.ReadAsync(StreamNames.Outbox));
    }

    [Fact]
    public async Task Records_mail_for_an_inbox_without_a_tool_as_unrouted()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path);

        var response = await Mails.PostAsync(daemon.Client, Mails.Raw("nobody@example.com"));

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, body.GetProperty("inboxes").GetArrayLength());
        Assert.Single(await daemon.WaitForRecordsAsync(StreamNames.Unrouted, 1));
        Assert.Empty(await daemon.ReadAsync("inbox/nobody"));
    }

    [Fact]
    public async Task Refuses_a_body_that_is_not_a_message_with_400()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path);

        var response = await Mails.PostAsync(daemon.Client, "this is not an email"u8.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("error", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Refuses_a_message_over_the_size_limit_with_413()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path);

        var response = await Mails.PostAsync(daemon.Client, Mails.Raw("reverser@example.com", text: new string('x', 2_000_000)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await daemon.ReadAsync("inbox/reverser"));
    }

    public void Dispose() => _data.Dispose();
}
