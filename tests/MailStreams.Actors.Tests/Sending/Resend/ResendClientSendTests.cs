using MailStreams.Testing;
using MailStreams.Store;
using MailStreams.Ingress;
using MailStreams.Sending;
using System.Text;
using MailStreams.Mail;
using MailStreams.Testing.FakeResend;

using MailStreams.Sending.Resend;

namespace MailStreams.Actors.Tests.Sending.Resend;

public sealed class ResendClientSendTests : IAsyncLifetime
{
    private readonly FakeResendServer _resend = new();
    private readonly HttpClient _http = new();
    private ResendClient _client = null!;

    private static readonly OutboundEmail Reply = new()
    {
        From = "Reverser <reverser@example.com>",
        To = ["alice@example.org"],
        Subject = "Re: Please reverse this",
        Text = "siht esrever esaelP",
        ReplyTo = ["reverser@example.com"],
        Headers = new Dictionary<string, string>
        {
            ["In-Reply-To"] = "<CAF1a2b3c4d5e6f7a8b9@mail.example.org>",
            ["References"] = "<CAF1a2b3c4d5e6f7a8b9@mail.example.org>",
        },
        Tags = [new OutboundTag("inbox", "reverser")],
    };

    public async Task InitializeAsync()
    {
        await _resend.StartAsync();
        _client = NewClient(_resend.ApiKey);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _resend.DisposeAsync();
    }

    [Fact]
    public async Task Sends_snake_case_json_with_bearer_auth_and_the_idempotency_key()
    {
        var result = await _client.SendAsync(Reply, "reply/e1/0");

        var sent = Assert.Single(_resend.Sent);
        Assert.Equal(new SendResult.Sent(sent.Id), result);
        Assert.Equal("reply/e1/0", sent.IdempotencyKey);
        Assert.Equal("Bearer " + _resend.ApiKey, sent.Header("Authorization"));
        Assert.StartsWith("mailstreams/", sent.Header("User-Agent"));
        Assert.StartsWith("application/json", sent.Header("Content-Type"));
        Assert.Equal(Encoding.UTF8.GetString(MailJson.Serialize(Reply)), sent.BodyJson);
        Assert.Equal("reverser@example.com", sent.Body.GetProperty("reply_to")[0].GetString());
        Assert.Equal("<CAF1a2b3c4d5e6f7a8b9@mail.example.org>", sent.Body.GetProperty("headers").GetProperty("In-Reply-To").GetString());
        Assert.False(sent.Body.TryGetProperty("html", out _));
    }

    [Fact]
    public async Task Gets_the_same_id_for_a_repeated_key_and_sends_only_once()
    {
        var first = await _client.SendAsync(Reply, "outbox/7");
        var again = await _client.SendAsync(Reply with { To = ["alice@example.org"] }, "outbox/7");

        Assert.IsType<SendResult.Sent>(first);
        Assert.Equal(first, again);
        Assert.Single(_resend.Sent);
        Assert.Equal([200, 200], _resend.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task Fails_for_good_when_a_key_is_reused_for_another_payload()
    {
        await _client.SendAsync(Reply, "outbox/8");
        var result = await _client.SendAsync(Reply with { Text = "something else" }, "outbox/8");

        var permanent = Assert.IsType<SendResult.Permanent>(result);
        Assert.Equal(409, permanent.StatusCode);
        Assert.Contains("invalid_idempotent_request", permanent.Response);
    }

    [Fact]
    public async Task Waits_as_long_as_a_rate_limit_answer_asks()
    {
        _resend.FailNext(FakeResendEndpoint.Send, 1, new FakeResendFailure.RateLimited(7));

        var transient = Assert.IsType<SendResult.Transient>(await _client.SendAsync(Reply, "outbox/9"));
        Assert.Equal(TimeSpan.FromSeconds(7), transient.RetryAfter);
        Assert.Contains("rate_limit_exceeded", transient.Reason);
        Assert.IsType<SendResult.Sent>(await _client.SendAsync(Reply, "outbox/9"));
    }

    [Theory]
    [InlineData("daily_quota_exceeded")]
    [InlineData("monthly_quota_exceeded")]
    public async Task Waits_long_after_a_quota_is_reached(string quota)
    {
        _resend.FailNext(FakeResendEndpoint.Send, 1, new FakeResendFailure.Error(429, quota, "You have reached your quota.", 1));

        var transient = Assert.IsType<SendResult.Transient>(await _client.SendAsync(Reply, "outbox/10"));
        Assert.Equal(TimeSpan.FromHours(1), transient.RetryAfter);
        Assert.Contains(quota, transient.Reason);
    }

    [Fact]
    public async Task Retries_while_resend_still_processes_the_same_key()
    {
        _resend.FailNext(FakeResendEndpoint.Send, 1, new FakeResendFailure.Error(409, "concurrent_idempotent_requests", "Still processing."));
        Assert.IsType<SendResult.Transient>(await _client.SendAsync(Reply, "outbox/11"));
    }

    [Fact]
    public async Task Retries_after_a_server_error()
    {
        _resend.FailNext(FakeResendEndpoint.Send, 1, new FakeResendFailure.ServerError());
        var transient = Assert.IsType<SendResult.Transient>(await _client.SendAsync(Reply, "outbox/12"));
        Assert.Contains("500 internal_server_error", transient.Reason);
        Assert.Empty(_resend.Sent);
    }

    [Fact]
    public async Task Fails_for_good_when_a_required_field_is_missing()
    {
        var result = await _client.SendAsync(Reply with { Text = null }, "outbox/13");

        var permanent = Assert.IsType<SendResult.Permanent>(result);
        Assert.Equal(422, permanent.StatusCode);
        Assert.Contains("missing_required_field", permanent.Response);
    }

    [Fact]
    public async Task Gives_up_on_a_request_that_gets_no_answer_within_the_timeout()
    {
        _resend.FailNext(FakeResendEndpoint.Send, 1, new FakeResendFailure.Hang());
        var impatient = NewClient(_resend.ApiKey, TimeSpan.FromMilliseconds(300));

        var transient = Assert.IsType<SendResult.Transient>(await impatient.SendAsync(Reply, "outbox/14"));
        Assert.Contains("did not answer", transient.Reason);
        Assert.IsType<SendResult.Sent>(await _client.SendAsync(Reply, "outbox/14"));
        Assert.Equal([0, 200], _resend.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task Reports_a_refused_connection_as_transient()
    {
        var port = FreePort();
        var client = new ResendClient(_http, new ResendOptions { BaseUrl = $"http://127.0.0.1:{port}", ApiKey = _resend.ApiKey });

        var transient = Assert.IsType<SendResult.Transient>(await client.SendAsync(Reply, "outbox/15"));
        Assert.Contains("network error", transient.Reason);
    }

    [Fact]
    public async Task Fails_for_good_with_a_wrong_api_key()
    {
        var result = await NewClient("re_wrong_key").SendAsync(Reply, "outbox/16");
        var permanent = Assert.IsType<SendResult.Permanent>(result);
        Assert.Equal(403, permanent.StatusCode);
        Assert.Contains("invalid_api_key", permanent.Response);
    }

    [Fact]
    public async Task Refuses_an_idempotency_key_resend_would_reject_without_calling_it()
    {
        var result = await _client.SendAsync(Reply, new string('k', 257));
        Assert.Equal(400, Assert.IsType<SendResult.Permanent>(result).StatusCode);
        Assert.Empty(_resend.Requests);
    }

    [Fact]
    public async Task Never_puts_the_api_key_into_a_result()
    {
        var key = _resend.ApiKey;
        _resend.FailNext(FakeResendEndpoint.Send, 1, new FakeResendFailure.Error(400, "validation_error", $"key {key} is odd"));
        _resend.FailNext(FakeResendEndpoint.Send, 1, new FakeResendFailure.Error(503, "application_error", $"key {key} is odd"));
        _resend.FailNext(FakeResendEndpoint.Send, 1, new FakeResendFailure.ServerError());
        _resend.FailNext(FakeResendEndpoint.Send, 1, new FakeResendFailure.RateLimited(1));
        _resend.FailNext(FakeResendEndpoint.Send, 1, new FakeResendFailure.Hang());
        var impatient = NewClient(key, TimeSpan.FromMilliseconds(300));

        var results = new List<SendResult>();
        for (var i = 0; i < 4; i++) results.Add(await _client.SendAsync(Reply with { Text = null }, "outbox/17"));
        results.Add(await impatient.SendAsync(Reply with { Text = null }, "outbox/17"));
        results.Add(await _client.SendAsync(Reply with { Text = null }, "outbox/17"));
        results.Add(await new ResendClient(_http, new ResendOptions { BaseUrl = $"http://127.0.0.1:{FreePort()}", ApiKey = key }).SendAsync(Reply, "k"));

        Assert.Contains(results, r => r is SendResult.Permanent { StatusCode: 400 });
        Assert.Contains(results, r => r is SendResult.Permanent { StatusCode: 422 });
        Assert.All(results, r => Assert.DoesNotContain(key, r.ToString()));
    }

    [Theory]
    [InlineData("", "https://api.resend.com", "API key is not set")]
    [InlineData("re_a b", "https://api.resend.com", "spaces")]
    [InlineData("re_ok", "api.resend.com", "absolute http(s) URL")]
    public void Refuses_bad_options_with_a_message_that_hides_the_key(string key, string baseUrl, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => new ResendClient(_http, new ResendOptions { ApiKey = key, BaseUrl = baseUrl }));
        Assert.Contains(expected, e.Message);
        if (key.Length > 0) Assert.DoesNotContain(key, e.Message);
    }

    private ResendClient NewClient(string apiKey, TimeSpan? timeout = null) =>
        new(_http, new ResendOptions { BaseUrl = _resend.BaseUrl, ApiKey = apiKey, RequestTimeout = timeout ?? TimeSpan.FromSeconds(10) });

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
