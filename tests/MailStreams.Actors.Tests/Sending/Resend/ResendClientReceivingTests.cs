using MailStreams.Ingress.Resend;
using MailStreams.Testing;
using MailStreams.Testing.FakeResend;

using MailStreams.Sending.Resend;

namespace MailStreams.Actors.Tests.Sending.Resend;

public sealed class ResendClientReceivingTests : IAsyncLifetime
{
    private const string EmailId = "0b7d2f64-5a1e-4c3b-9f0e-8d6a2c1b4e93";
    private readonly FakeResendServer _resend = new();
    private readonly HttpClient _http = new();
    private ResendClient _client = null!;

    public async Task InitializeAsync()
    {
        await _resend.StartAsync();
        _resend.AddReceivedEmail(File.ReadAllText(TestFiles.Vector("resend-received-email.json")));
        _client = NewClient(_resend.ApiKey);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _resend.DisposeAsync();
    }

    [Fact]
    public async Task Fetches_a_received_email_with_body_headers_and_attachments()
    {
        var email = Assert.IsType<ResendFetchResult.Found>(await _client.GetReceivedEmailAsync(EmailId)).Email;

        Assert.Equal("email", email.Object);
        Assert.Equal(EmailId, email.Id);
        Assert.Equal("Alice Example <alice@example.org>", email.From);
        Assert.Equal(["reverser@example.com"], email.To);
        Assert.Equal(["bob@example.org"], email.Cc);
        Assert.Null(email.Bcc);
        Assert.Equal(["alice+replies@example.org"], email.ReplyTo);
        Assert.Equal(["reverser@example.com"], email.ReceivedFor);
        Assert.Equal("2026-01-01T00:00:00.198731+00:00", email.CreatedAt);
        Assert.Equal("Please reverse this", email.Subject);
        Assert.Equal("Hello reverser,\n\nPlease reverse this sentence.\n\n[logo]\n\n-- \nAlice\n", email.Text);
        Assert.StartsWith("<div dir=\"ltr\"><p>Hello reverser,</p>", email.Html);
        Assert.Equal("<CAF1a2b3c4d5e6f7a8b9@mail.example.org>", email.MessageId);
        Assert.Equal("<CAF1a2b3c4d5e6f7a8b9@mail.example.org>", email.Headers!["Message-ID"]);
        Assert.Equal("alice+replies@example.org", email.Headers["reply-to"]);
        Assert.Equal(10, email.Headers.Count);
        Assert.StartsWith("https://inbound-raw.example.com/emails/", email.Raw!.DownloadUrl);
        Assert.Equal("2026-01-01T01:00:00.000Z", email.Raw.ExpiresAt);
        Assert.Equal(
            [
                new ResendReceivedAttachment("2a0c9ce0-3112-4728-976e-47ddcd16a318", "logo.png", 70, "image/png", "logo@example.org", "inline"),
                new ResendReceivedAttachment("7d4e1b2c-8f9a-4c3d-b2e1-0f9e8d7c6b5a", "notes.txt", 412, "text/plain", null, "attachment"),
            ],
            email.Attachments);
        Assert.Equal(new FakeResendRequest("GET", $"/emails/receiving/{EmailId}", 200), Assert.Single(_resend.Requests));
    }

    [Fact]
    public async Task Escapes_the_email_id_in_the_path()
    {
        _resend.AddReceivedEmail("{\"object\":\"email\",\"id\":\"a/b c?d\",\"from\":\"x@example.org\",\"to\":[]}");

        var found = Assert.IsType<ResendFetchResult.Found>(await _client.GetReceivedEmailAsync("a/b c?d"));
        Assert.Equal("a/b c?d", found.Email.Id);
        Assert.Equal("/emails/receiving/a%2Fb%20c%3Fd", Assert.Single(_resend.Requests).Path);
    }

    [Fact]
    public async Task Joins_repeated_header_values_sent_as_an_array()
    {
        _resend.AddReceivedEmail("{\"id\":\"r1\",\"headers\":{\"Received\":[\"from a\",\"from b\"],\"X-Count\":3,\"X-None\":null}}");

        var email = Assert.IsType<ResendFetchResult.Found>(await _client.GetReceivedEmailAsync("r1")).Email;
        Assert.Equal("from a, from b", email.Headers!["Received"]);
        Assert.Equal("3", email.Headers["X-Count"]);
        Assert.False(email.Headers.ContainsKey("X-None"));
    }

    [Fact]
    public async Task Says_not_found_for_an_unknown_id()
    {
        Assert.IsType<ResendFetchResult.NotFound>(await _client.GetReceivedEmailAsync("no-such-email"));
        Assert.Equal(404, Assert.Single(_resend.Requests).Status);
    }

    [Fact]
    public async Task Retries_after_a_server_error_or_a_rate_limit()
    {
        _resend.FailNext(FakeResendEndpoint.Receiving, 1, new FakeResendFailure.ServerError());
        _resend.FailNext(FakeResendEndpoint.Receiving, 1, new FakeResendFailure.RateLimited(3));

        Assert.IsType<ResendFetchResult.Transient>(await _client.GetReceivedEmailAsync(EmailId));
        var limited = Assert.IsType<ResendFetchResult.Transient>(await _client.GetReceivedEmailAsync(EmailId));
        Assert.Equal(TimeSpan.FromSeconds(3), limited.RetryAfter);
        Assert.IsType<ResendFetchResult.Found>(await _client.GetReceivedEmailAsync(EmailId));
    }

    [Fact]
    public async Task Says_not_found_when_resend_answers_404_for_a_known_id()
    {
        _resend.FailNext(FakeResendEndpoint.Receiving, 1, new FakeResendFailure.NotFound());
        Assert.IsType<ResendFetchResult.NotFound>(await _client.GetReceivedEmailAsync(EmailId));
    }

    [Fact]
    public async Task Gives_up_on_a_fetch_that_gets_no_answer_within_the_timeout()
    {
        _resend.FailNext(FakeResendEndpoint.Receiving, 1, new FakeResendFailure.Hang());
        var transient = Assert.IsType<ResendFetchResult.Transient>(
            await NewClient(_resend.ApiKey, TimeSpan.FromMilliseconds(300)).GetReceivedEmailAsync(EmailId));
        Assert.Contains("did not answer", transient.Reason);
    }

    [Fact]
    public async Task Fails_for_good_with_a_wrong_api_key_and_hides_it()
    {
        var permanent = Assert.IsType<ResendFetchResult.Permanent>(await NewClient("re_not_the_key").GetReceivedEmailAsync(EmailId));
        Assert.Equal(403, permanent.StatusCode);
        Assert.Contains("invalid_api_key", permanent.Response);
        Assert.DoesNotContain("re_not_the_key", permanent.ToString());
    }

    [Fact]
    public async Task Fails_for_good_on_an_answer_that_is_not_a_received_email()
    {
        _resend.AddReceivedEmail("{\"id\":\"broken\",\"to\":\"not-an-array\"}");
        var permanent = Assert.IsType<ResendFetchResult.Permanent>(await _client.GetReceivedEmailAsync("broken"));
        Assert.Equal(200, permanent.StatusCode);
        Assert.Contains("unreadable received email", permanent.Response);
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    public async Task Refuses_an_id_that_cannot_name_an_email_without_calling_resend(string id)
    {
        Assert.IsType<ResendFetchResult.Permanent>(await _client.GetReceivedEmailAsync(id));
        Assert.Empty(_resend.Requests);
    }

    private ResendClient NewClient(string apiKey, TimeSpan? timeout = null) =>
        new(_http, new ResendOptions { BaseUrl = _resend.BaseUrl, ApiKey = apiKey, RequestTimeout = timeout ?? TimeSpan.FromSeconds(10) });
}
