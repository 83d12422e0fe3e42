using System.Net;
using System.Text;
using MailStreams.Host.Tests.Daemon;
using MailStreams.Store;
using MailStreams.Testing;

namespace MailStreams.Host.Tests.Http;

/// <summary>Bad input on the real daemon: a clear status and message, or a recorded skip; never a crash, never a half-written record.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private ResendPath _resend = null!;

    public async Task InitializeAsync() => _resend = await ResendPath.StartAsync();

    private Dictionary<string, string?> Settings()
    {
        var settings = _resend.Settings();
        settings["MailStreams:Limits:WebhookBodyBytes"] = "4000";
        settings["MailStreams:Limits:MessageBytes"] = "6000";
        settings["MailStreams:RouteUnknownInboxes"] = "tools";
        return settings;
    }

    [Fact]
    public async Task A_webhook_body_over_the_configured_limit_gets_413_naming_the_limit_and_leaves_nothing()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path, Settings());

        var answer = await daemon.Client.SendAsync(ResendPath.Delivery("msg_big", edit: body => body["data"]!["subject"] = new string('x', 5000)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
        Assert.Contains("4000 bytes", await answer.Content.ReadAsStringAsync());
        Assert.Empty(await daemon.ReadAsync(StreamNames.ResendIngress));
    }

    [Fact]
    public async Task A_raw_message_over_the_configured_limit_gets_413_and_leaves_nothing()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path, Settings());

        var answer = await Mails.PostAsync(daemon.Client, Mails.Raw("reverser@example.com", text: new string('y', 7000)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
        Assert.Contains("MailStreams__Limits__MessageBytes", await answer.Content.ReadAsStringAsync());
        Assert.Empty(await daemon.ReadAsync("inbox/reverser"));
    }

    [Fact]
    public async Task A_signed_webhook_with_a_wrongly_typed_field_gets_400_naming_the_field_and_leaves_nothing()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path, Settings());

        var answer = await daemon.Client.SendAsync(ResendPath.Delivery("msg_typed", edit: body => body["data"]!["email_id"] = 42));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("email_id", await answer.Content.ReadAsStringAsync());
        Assert.Empty(await daemon.ReadAsync(StreamNames.ResendIngress));
    }

    [Fact]
    public async Task Undecodable_charsets_encoded_words_and_invalid_addresses_are_accepted_as_far_as_they_can_be_read()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path);
        var raw = Encoding.ASCII.GetBytes(
            "From: Alice <alice@example.org>\r\nTo: reverser@example.com, <<@@>>, \"unterminated <x@\r\n" +
            "Subject: =?x-bogus?Q?=FF=FE?= and =?utf-8?B?!!!?=\r\nMessage-ID: <charset@example.org>\r\n" +
            "Content-Type: text/plain; charset=x-does-not-exist\r\n\r\nHello \xff\xfe world\r\n");

        var answer = await Mails.PostAsync(daemon.Client, raw);

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Single(await daemon.WaitForRecordsAsync(StreamNames.Sent, 1));
    }

    [Fact]
    public async Task A_header_bomb_and_deep_mime_nesting_do_not_bring_the_daemon_down()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path);
        var bomb = new StringBuilder("From: Alice <alice@example.org>\r\nTo: reverser@example.com\r\nSubject: bomb\r\n");
        for (var i = 0; i < 20_000; i++) bomb.Append("X-B: y\r\n");
        bomb.Append("\r\nbody\r\n");
        var nested = new StringBuilder("From: Alice <alice@example.org>\r\nTo: reverser@example.com\r\nSubject: nested\r\nMIME-Version: 1.0\r\n");
        for (var i = 0; i < 3000; i++) nested.Append($"Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n");
        nested.Append("Content-Type: text/plain\r\n\r\ndeep\r\n");

        var answers = new[]
        {
            await Mails.PostAsync(daemon.Client, Encoding.ASCII.GetBytes(bomb.ToString())),
            await Mails.PostAsync(daemon.Client, Encoding.ASCII.GetBytes(nested.ToString())),
        };

        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.BadRequest }));
        Assert.Equal(HttpStatusCode.OK, (await daemon.Client.GetAsync("healthz")).StatusCode);
        var accepted = answers.Count(a => a.StatusCode == HttpStatusCode.Accepted);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await OutcomesAsync(daemon) < accepted && DateTime.UtcNow < deadline) await Task.Delay(100);
        var outcomes = (await daemon.ReadAsync(StreamNames.Outbox)).Concat(await daemon.ReadAsync(StreamNames.Skipped))
            .Concat(await daemon.ReadAsync(StreamNames.DeadInbox("reverser"))).Select(r => r.Header("type") + " " + r.Header("reason") + r.Header("error"));
        Assert.True(accepted == outcomes.Count(), string.Join("\n", outcomes));
    }

    /// <summary>Each inbox record ends as a reply in the outbox, a skip with its reason, or a dead letter with its error.</summary>
    private static async Task<int> OutcomesAsync(RunningDaemon daemon) =>
        (await daemon.ReadAsync(StreamNames.Outbox)).Count + (await daemon.ReadAsync(StreamNames.Skipped)).Count
        + (await daemon.ReadAsync(StreamNames.DeadInbox("reverser"))).Count;

    public async Task DisposeAsync()
    {
        await _resend.DisposeAsync();
        _data.Dispose();
    }
}
