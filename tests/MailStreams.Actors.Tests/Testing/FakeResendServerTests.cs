using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MailStreams.Testing.FakeResend;

namespace MailStreams.Testing;

public sealed class FakeResendServerTests : IAsyncLifetime
{
    private readonly FakeResendServer _resend = new();
    private readonly HttpClient _http = new();

    public Task InitializeAsync() => _resend.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _resend.DisposeAsync();
    }

    [Fact]
    public async Task Listens_on_loopback_and_answers_without_a_key_with_401_missing_api_key()
    {
        Assert.StartsWith("http://127.0.0.1:", _resend.BaseUrl);
        using var response = await _http.PostAsync(_resend.BaseUrl + "/emails", Json("{}"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal((401, "missing_api_key"), (error.GetProperty("statusCode").GetInt32(), error.GetProperty("name").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal("5", response.Headers.GetValues("ratelimit-limit").Single());
        Assert.True(response.Headers.Contains("ratelimit-remaining") && response.Headers.Contains("ratelimit-reset"));
    }

    [Theory]
    [InlineData("{\"to\":\"a@example.org\",\"subject\":\"s\",\"text\":\"t\"}", 422, "missing_required_field")]
    [InlineData("{\"from\":\"r@example.com\",\"subject\":\"s\",\"text\":\"t\"}", 422, "missing_required_field")]
    [InlineData("{\"from\":\"r@example.com\",\"to\":\"a@example.org\",\"text\":\"t\"}", 422, "missing_required_field")]
    [InlineData("{\"from\":\"r@example.com\",\"to\":\"a@example.org\",\"subject\":\"s\"}", 422, "missing_required_field")]
    [InlineData("{\"from\":\"not an address\",\"to\":\"a@example.org\",\"subject\":\"s\",\"text\":\"t\"}", 400, "validation_error")]
    [InlineData("{\"from\":\"r@example.com\",\"to\":[1],\"subject\":\"s\",\"text\":\"t\"}", 400, "validation_error")]
    [InlineData("{\"from\":\"r@example.com\",\"to\":\"a@example.org\",\"subject\":\"s\",\"text\":\"t\",\"tags\":[{\"name\":\"a b\",\"value\":\"v\"}]}", 400, "validation_error")]
    [InlineData("{\"from\":\"r@example.com\",\"to\":\"a@example.org\",\"subject\":\"s\",\"text\":\"t\",\"attachments\":[{\"filename\":\"x\"}]}", 422, "invalid_attachment")]
    [InlineData("[]", 400, "validation_error")]
    [InlineData("{", 400, "validation_error")]
    public async Task Rejects_an_invalid_send_as_resend_does(string body, int status, string name)
    {
        using var response = await _http.SendAsync(Authorized(HttpMethod.Post, "/emails", body));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(name, (await ErrorOf(response)).GetProperty("name").GetString());
        Assert.Empty(_resend.Sent);
    }

    [Fact]
    public async Task Accepts_a_named_sender_and_a_list_of_recipients()
    {
        const string body = "{\"from\":\"Reverser <r@example.com>\",\"to\":[\"a@example.org\",\"B <b@example.org>\"],\"subject\":\"s\",\"html\":\"<p>x</p>\"}";
        using var response = await _http.SendAsync(Authorized(HttpMethod.Post, "/emails", body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(Guid.TryParse(answer.RootElement.GetProperty("id").GetString(), out _));
        Assert.Equal(body, Assert.Single(_resend.Sent).BodyJson);
    }

    [Fact]
    public async Task Rejects_an_idempotency_key_longer_than_256_characters()
    {
        var request = Authorized(HttpMethod.Post, "/emails", "{}");
        request.Headers.Add("Idempotency-Key", new string('k', 257));
        using var response = await _http.SendAsync(request);
        Assert.Equal("invalid_idempotency_key", (await ErrorOf(response)).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("GET", "/emails", 405)]
    [InlineData("POST", "/emails/receiving/x", 405)]
    [InlineData("GET", "/domains", 404)]
    public async Task Answers_unknown_paths_and_methods_like_resend(string method, string path, int status)
    {
        using var response = await _http.SendAsync(Authorized(new HttpMethod(method), path, method == "POST" ? "{}" : null));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(new FakeResendRequest(method, path, status), Assert.Single(_resend.Requests));
    }

    [Fact]
    public async Task Waits_for_sends_and_says_how_many_came_when_it_times_out()
    {
        var waiting = _resend.WaitForSendsAsync(1, TimeSpan.FromSeconds(20));
        Assert.False(waiting.IsCompleted);
        using var response = await _http.SendAsync(Authorized(HttpMethod.Post, "/emails", "{\"from\":\"r@example.com\",\"to\":\"a@example.org\",\"subject\":\"s\",\"text\":\"t\"}"));
        Assert.Single(await waiting);

        var e = await Assert.ThrowsAsync<TimeoutException>(() => _resend.WaitForSendsAsync(2, TimeSpan.FromMilliseconds(50)));
        Assert.Contains("got 1", e.Message);
    }

    [Fact]
    public async Task Releases_a_hanging_request_when_it_stops()
    {
        _resend.FailNext(FakeResendEndpoint.Receiving, 1, new FakeResendFailure.Hang());
        var hanging = _http.SendAsync(Authorized(HttpMethod.Get, "/emails/receiving/x", null));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (_resend.Requests.Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.Equal(0, Assert.Single(_resend.Requests).Status);

        await _resend.DisposeAsync();
        await Assert.ThrowsAsync<HttpRequestException>(() => hanging.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    private HttpRequestMessage Authorized(HttpMethod method, string path, string? body)
    {
        var request = new HttpRequestMessage(method, _resend.BaseUrl + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _resend.ApiKey);
        if (body is not null) request.Content = Json(body);
        return request;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ErrorOf(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
