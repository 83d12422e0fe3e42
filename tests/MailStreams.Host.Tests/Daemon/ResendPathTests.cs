using System.Net;
using MailStreams.Store;
using MailStreams.Testing;
using MailStreams.Testing.FakeResend;

namespace MailStreams.Host.Tests.Daemon;

/// <summary>The Resend path end to end over HTTP: signed webhook → content fetch → inbox → tool → outbox → fake Resend.</summary>
public sealed class ResendPathTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private ResendPath _resend = null!;

    public async Task InitializeAsync() => _resend = await ResendPath.StartAsync();

    [Fact]
    public async Task Answers_a_signed_email_received_webhook_with_exactly_one_threaded_reply()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path, _resend.Settings());

        var response = await daemon.Client.SendAsync(ResendPath.Delivery("msg_1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(await _resend.Resend.WaitForSendsAsync(1, TimeSpan.FromSeconds(30)));
        var body = sent.Body;
        Assert.Equal("Reverser <reverser@example.com>", body.GetProperty("from").GetString());
        Assert.Equal("alice+replies@example.org", body.GetProperty("to")[0].GetString());
        Assert.Equal("Re: Please reverse this", body.GetProperty("subject").GetString());
        Assert.Contains(".ecnetnes siht esrever esaelP", body.GetProperty("text").GetString());
        var headers = body.GetProperty("headers");
        Assert.Equal("<CAF1a2b3c4d5e6f7a8b9@mail.example.org>", headers.GetProperty("In-Reply-To").GetString());
        Assert.Equal("<CAF1a2b3c4d5e6f7a8b9@mail.example.org>", headers.GetProperty("References").GetString());
        Assert.Equal("auto-replied", headers.GetProperty("Auto-Submitted").GetString());
        Assert.Equal("inbox/reverser:0", sent.IdempotencyKey);
    }

    [Fact]
    public async Task A_delivery_posted_twice_one_after_the_other_yields_one_reply()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path, _resend.Settings());

        Assert.Equal(HttpStatusCode.OK, (await daemon.Client.SendAsync(ResendPath.Delivery("msg_1"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await daemon.Client.SendAsync(ResendPath.Delivery("msg_1"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await daemon.Client.SendAsync(ResendPath.Delivery("msg_2_same_email"))).StatusCode);

        await _resend.Resend.WaitForSendsAsync(1, TimeSpan.FromSeconds(30));
        await daemon.WaitForRecordsAsync(StreamNames.Sent, 1);
        Assert.Single(await daemon.ReadAsync("inbox/reverser"));
        Assert.Single(_resend.Resend.Sent);
    }

    [Fact]
    public async Task A_delivery_posted_twice_at_once_yields_one_record_and_one_reply()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path, _resend.Settings());

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => daemon.Client.SendAsync(ResendPath.Delivery("msg_1"))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        await daemon.WaitForRecordsAsync(StreamNames.Sent, 1);
        Assert.Single(await daemon.ReadAsync(StreamNames.ResendIngress));
        Assert.Single(await daemon.ReadAsync("inbox/reverser"));
        Assert.Single(_resend.Resend.Sent);
    }

    [Fact]
    public async Task A_delivery_with_a_bad_signature_gets_401_and_leaves_no_record()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path, _resend.Settings());

        var response = await daemon.Client.SendAsync(ResendPath.Delivery("msg_1", secret: "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await daemon.ReadAsync(StreamNames.ResendIngress));
        Assert.Empty(await daemon.ReadAsync(StreamNames.ResendEvents));
    }

    [Fact]
    public async Task A_signed_body_that_is_not_json_gets_400_with_a_message()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path, _resend.Settings());

        var response = await daemon.Client.SendAsync(ResendPath.Signed("{\"type\": "u8.ToArray(), "msg_bad"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("JSON", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await daemon.ReadAsync(StreamNames.ResendIngress));
    }

    [Fact]
    public async Task Other_event_types_are_acknowledged_and_recorded_in_events_resend()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path, _resend.Settings());

        var response = await daemon.Client.SendAsync(ResendPath.Delivery("msg_sent", edit: b => b["type"] = "email.sent"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var recorded = Assert.Single(await daemon.ReadAsync(StreamNames.ResendEvents));
        Assert.Equal("email.sent", recorded.Header("event-type"));
        Assert.Empty(await daemon.ReadAsync(StreamNames.ResendIngress));
    }

    [Fact]
    public async Task A_content_fetch_that_fails_for_a_while_still_ends_in_one_reply()
    {
        _resend.Resend.FailNext(FakeResendEndpoint.Receiving, 1, new FakeResendFailure.NotFound());
        _resend.Resend.FailNext(FakeResendEndpoint.Receiving, 1, new FakeResendFailure.ServerError());
        _resend.Resend.FailNext(FakeResendEndpoint.Receiving, 1, new FakeResendFailure.RateLimited(1));
        await using var daemon = await RunningDaemon.StartAsync(_data.Path, _resend.Settings());

        await daemon.Client.SendAsync(ResendPath.Delivery("msg_1"));

        Assert.Single(await _resend.Resend.WaitForSendsAsync(1, TimeSpan.FromSeconds(30)));
        Assert.Empty(await daemon.ReadAsync(StreamNames.DeadIngress));
    }

    [Fact]
    public async Task A_content_fetch_that_never_succeeds_goes_to_dead_ingress_without_a_reply()
    {
        await using var daemon = await RunningDaemon.StartAsync(_data.Path, _resend.Settings(fetchAttempts: 3));

        await daemon.Client.SendAsync(ResendPath.Delivery("msg_1", emailId: "11111111-2222-3333-4444-555555555555"));

        var dead = Assert.Single(await daemon.WaitForRecordsAsync(StreamNames.DeadIngress, 1));
        Assert.Contains("404", dead.Header("reason"));
        Assert.Equal("11111111-2222-3333-4444-555555555555", dead.Header("email-id"));
        Assert.Empty(await daemon.ReadAsync("inbox/reverser"));
        Assert.Empty(_resend.Resend.Sent);
    }

    [Fact]
    public async Task A_send_that_is_rate_limited_is_retried_after_retry_after_and_sent_once()
    {
        _resend.Resend.FailNext(FakeResendEndpoint.Send, 1, new FakeResendFailure.RateLimited(1));
        _resend.Resend.FailNext(FakeResendEndpoint.Send, 1, new FakeResendFailure.ServerError());
        await using var daemon = await RunningDaemon.StartAsync(_data.Path, _resend.Settings());

        await daemon.Client.SendAsync(ResendPath.Delivery("msg_1"));

        Assert.Single(await _resend.Resend.WaitForSendsAsync(1, TimeSpan.FromSeconds(30)));
        Assert.Equal(3, _resend.Resend.Requests.Count(r => r.Path == "/emails"));
    }

    public async Task DisposeAsync()
    {
        await _resend.DisposeAsync();
        _data.Dispose();
    }
}
